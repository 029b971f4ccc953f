using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hotline95.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c>; see docs/development.md.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<Hotline95DbContext>
{
    public Hotline95DbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new Hotline95DbContext(options.Options);
    }
}
