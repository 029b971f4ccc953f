namespace Hotline95.Testing;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
