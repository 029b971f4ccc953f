namespace Hotline95.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
