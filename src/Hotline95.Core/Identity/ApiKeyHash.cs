using System.Security.Cryptography;
using System.Text;

namespace Hotline95.Core.Identity;

public static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
