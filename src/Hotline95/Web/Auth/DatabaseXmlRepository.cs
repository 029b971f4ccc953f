using System.Xml.Linq;
using Hotline95.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Hotline95.Web.Auth;

/// <summary>The data-protection (sign-in cookie) keys in the database, sealed under the master key: shared by every node.</summary>
public sealed class DatabaseXmlRepository(SessionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => store.ReadAll().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) => store.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

/// <summary>The installation's sign-in key ring as a node starts.</summary>
public static class SessionKeyRing
{
    /// <summary>
    /// Makes the first sign-in key if there is none, and loads the key ring. <c>serve</c> calls it under the start-up lock:
    /// nodes starting together on a fresh database then share the one key the first of them made. Made later, each would
    /// make its own, and a node that had read the ring before another's key was stored would refuse that node's cookies
    /// until its ring was next read (up to a day).
    /// </summary>
    public static void Ensure(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Hotline95.StartUp").Protect([0]);
}
