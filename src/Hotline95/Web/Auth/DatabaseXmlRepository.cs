using System.Xml.Linq;
using Hotline95.Core.Security;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hotline95.Web.Auth;

/// <summary>The data-protection (sign-in cookie) keys in the database, sealed under the master key: shared by every node.</summary>
public sealed class DatabaseXmlRepository(SessionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.ReadAll().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) => store.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
