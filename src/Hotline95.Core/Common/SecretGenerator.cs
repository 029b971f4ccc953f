using System.Security.Cryptography;

namespace Hotline95.Core.Common;

/// <summary>Random secrets for generated passwords and API keys.</summary>
public static class SecretGenerator
{
    // No look-alike characters (0/O, 1/l/I): generated passwords are read off a terminal and typed.
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string Password(int length = 16) => RandomNumberGenerator.GetString(PasswordAlphabet, length);

    public static string UrlSafeToken(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
