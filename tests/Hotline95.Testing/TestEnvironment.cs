namespace Hotline95.Testing;

/// <summary>What test.sh provides. Without it, tests that need a service skip with the reason.</summary>
public static class TestEnvironment
{
    /// <summary>Connection string of a PostgreSQL server on which tests may create and drop databases.</summary>
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("HOTLINE95_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static string? Chromium =>
        Environment.GetEnvironmentVariable("HOTLINE95_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : null;

    public const string PostgresSkipReason = "PostgreSQL not available: set HOTLINE95_TEST_POSTGRES to an admin connection string (./test.sh starts a server and sets it).";

    public const string ChromiumSkipReason = "Chromium not installed: apt-get install chromium (./test.sh installs it), or set HOTLINE95_TEST_CHROMIUM.";

    /// <summary>poppler's pdftotext, which the report tests use to read PDFs as an inspector's tools would.</summary>
    public static string? PdfToText => new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);

    public const string PdfToTextSkipReason = "pdftotext not installed: apt-get install poppler-utils (./test.sh installs it).";

    public static string RequirePdfToText()
    {
        if (PdfToText is not { } path)
        {
            Xunit.Assert.Skip(PdfToTextSkipReason);
            throw new InvalidOperationException("unreachable");
        }

        return path;
    }

    /// <summary>A PKCS#11 library with an initialised token (test.sh: SoftHSM2, token <see cref="Pkcs11Token"/>, PIN <see cref="Pkcs11Pin"/>).</summary>
    public static string? Pkcs11Library => Environment.GetEnvironmentVariable("HOTLINE95_TEST_PKCS11") is { Length: > 0 } path ? path : null;

    public const string Pkcs11Token = "hotline95-tests";
    public const string Pkcs11Pin = "95588";

    public const string Pkcs11SkipReason = "No PKCS#11 token: apt-get install softhsm2 (./test.sh installs it, initialises a token and sets HOTLINE95_TEST_PKCS11).";

    public static string RequirePkcs11()
    {
        if (Pkcs11Library is not { } path)
        {
            Xunit.Assert.Skip(Pkcs11SkipReason);
            throw new InvalidOperationException("unreachable");
        }

        return path;
    }

    public static void RequirePostgres()
    {
        if (PostgresAdmin is null)
        {
            Xunit.Assert.Skip(PostgresSkipReason);
        }
    }
}
