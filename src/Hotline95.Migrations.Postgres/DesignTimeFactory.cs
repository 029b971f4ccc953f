using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hotline95.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c> (no server is contacted); see docs/development.md.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<Hotline95DbContext>
{
    public Hotline95DbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<Hotline95DbContext>();
        options.Use(new DatabaseTarget(DatabaseProvider.Postgres, "Host=localhost;Database=hotline95_design"));
        return new Hotline95DbContext(options.Options);
    }
}
