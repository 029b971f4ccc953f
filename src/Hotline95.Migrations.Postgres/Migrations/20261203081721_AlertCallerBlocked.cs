using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AlertCallerBlocked : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CallerBlocked",
                table: "monitoring_alerts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Alerts closed by the one-click block before the flag: their record, as that block wrote it.
            migrationBuilder.Sql("""
                UPDATE monitoring_alerts SET "CallerBlocked" = TRUE WHERE "Handling" LIKE 'caller % blocked / 已拉黑';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CallerBlocked",
                table: "monitoring_alerts");
        }
    }
}
