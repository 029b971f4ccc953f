using Hotline95.Core.Data;
using Npgsql;

namespace Hotline95.Core.Tests.Data;

public sealed class DatabaseTargetTests
{
    private static readonly string DataDir = Path.Combine(Path.GetTempPath(), "h95-data");

    [Fact]
    public void Parse_Empty_IsSqliteInTheDataDirectory()
    {
        var target = DatabaseTarget.Parse(null, DataDir).Value;

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains(Path.Combine(DataDir, "hotline95.db"), target.ConnectionString);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5433;Database=h95;Username=u;Password=p")]
    [InlineData("postgres://u:p@127.0.0.1:5433/h95")]
    [InlineData("postgresql://u:p@127.0.0.1:5433/h95")]
    public void Parse_PostgresForms_SelectPostgres(string value)
    {
        var target = DatabaseTarget.Parse(value, DataDir).Value;
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("h95", builder.Database);
        Assert.Equal("u", builder.Username);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=h95")]
    [InlineData("postgres://u:p@127.0.0.1/h95")]
    public void Parse_PostgresWithoutAutoPrepare_PreparesRepeatedStatements(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseTarget.Parse(value, DataDir).Value.ConnectionString);

        Assert.Equal(DatabaseTarget.AutoPreparedStatements, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=h95;Max Auto Prepare=0")]
    [InlineData("postgres://u:p@127.0.0.1/h95?Max_Auto_Prepare=0")]
    public void Parse_PostgresWithAutoPrepareOff_KeepsItOff(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseTarget.Parse(value, DataDir).Value.ConnectionString);

        Assert.Equal(0, builder.MaxAutoPrepare);
    }

    [Fact]
    public void Parse_UrlWithEscapedPasswordAndParameters_IsDecoded()
    {
        var target = DatabaseTarget.Parse("postgres://u:p%40ss@db.local/h95?sslmode=disable", DataDir).Value;
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);

        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(5432, builder.Port);
        Assert.Equal(SslMode.Disable, builder.SslMode);
    }

    [Theory]
    [InlineData("/var/lib/h95/main.db", "/var/lib/h95/main.db")]
    [InlineData("Data Source=/var/lib/h95/other.db", "/var/lib/h95/other.db")]
    public void Parse_PathOrDataSource_IsSqlite(string value, string expectedFile)
    {
        var target = DatabaseTarget.Parse(value, DataDir).Value;

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains(expectedFile, target.ConnectionString);
    }

    [Fact]
    public void Parse_BadPostgresUrl_FailsNamingTheSetting()
    {
        var result = DatabaseTarget.Parse("postgres://", DataDir, "HOTLINE95_DB");

        Assert.False(result.IsSuccess);
        Assert.Equal("HOTLINE95_DB", result.Error.Field);
        Assert.Equal("HOTLINE95_DB", result.Error.Args["setting"]);
    }

    [Fact]
    public void Describe_Postgres_NeverShowsThePassword()
    {
        var target = DatabaseTarget.Parse("Host=h;Database=d;Username=u;Password=secret-pw", DataDir).Value;

        Assert.DoesNotContain("secret-pw", target.Describe());
    }
}
