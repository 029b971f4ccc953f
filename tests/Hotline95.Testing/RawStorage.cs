using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Hotline95.Testing;

/// <summary>Everything the database holds, as bytes an attacker with the files (or a dump) would see.</summary>
public static class RawStorage
{
    public static async Task<byte[]> ReadAllAsync(TestDatabase database)
    {
        if (database.Kind == DatabaseKind.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = new List<byte>();
            foreach (var file in new[] { database.SqlitePath, database.SqlitePath + "-wal", database.SqlitePath + "-journal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[stream.Length];
                await stream.ReadExactlyAsync(buffer);
                bytes.AddRange(buffer);
            }

            return [.. bytes];
        }

        var builder = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString);
        var info = new ProcessStartInfo("pg_dump", ["-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pg_dump did not start");
        using var output = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed: {error}");
        }

        return output.ToArray();
    }

    /// <summary>The ways a Chinese mobile number is commonly written, as UTF-8 and UTF-16 bytes.</summary>
    public static IEnumerable<(string Form, byte[] Bytes)> FormsOf(string mobile)
    {
        var forms = new[]
        {
            mobile, $"+86{mobile}", $"86{mobile}", $"+86 {mobile}", $"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
            $"{mobile[..3]} {mobile[3..7]} {mobile[7..]}", $"+86 {mobile[..3]}-{mobile[3..7]}-{mobile[7..]}",
            mobile[3..], // the subscriber part alone
        };
        foreach (var form in forms)
        {
            yield return (form, Encoding.UTF8.GetBytes(form));
            yield return (form + " (UTF-16)", Encoding.Unicode.GetBytes(form));
        }
    }

    public static IEnumerable<(string Form, byte[] Bytes)> FormsOfName(string name)
    {
        yield return (name, Encoding.UTF8.GetBytes(name));
        yield return (name + " (UTF-16)", Encoding.Unicode.GetBytes(name));
        yield return (name + " (GB18030)", CodePages.GB18030.GetBytes(name));
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static class CodePages
    {
        public static readonly Encoding GB18030 = Load();

        private static Encoding Load()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }
}
