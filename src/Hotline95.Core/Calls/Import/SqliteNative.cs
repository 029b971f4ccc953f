using System.Runtime.InteropServices;

namespace Hotline95.Core.Calls.Import;

/// <summary>
/// The few SQLite calls of the bulk insert loop, bound directly: SQLitePCL's wrappers take a SafeHandle
/// reference and convert each string to a new UTF-8 array on every call, which at 21 values a row cost more
/// than SQLite's own work. The library is the same e_sqlite3 that SQLitePCL has loaded.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: the bytes stay where they are until the parameter is bound again or cleared.</summary>
    public static readonly nint Static = 0;

    public const int Done = 101;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob")]
    public static partial int BindBlob(nint statement, int index, byte* value, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static partial int BindText(nint statement, int index, byte* value, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_clear_bindings")]
    public static partial int ClearBindings(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes")]
    public static partial int Changes(nint database);
}
