using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CallIndexesLeadWithTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calls_CustomerNumberIndex",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_EnterpriseId_SourceSystem_SourceId_StartedAt",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_EnterpriseId_StartedAt",
                table: "calls");

            migrationBuilder.AddColumn<int>(
                name: "StartedDay",
                table: "calls",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing rows get the UTC day of their start (Unix milliseconds, floor division), as CallRecord.DayOf computes it.
            migrationBuilder.Sql("UPDATE \"calls\" SET \"StartedDay\" = (\"StartedAt\" - ((\"StartedAt\" % 86400000) + 86400000) % 86400000) / 86400000;");

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_SourceId",
                table: "calls",
                columns: new[] { "EnterpriseId", "SourceId" },
                filter: "\"SourceSystem\" = 'cti'");

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_StartedAt_SourceSystem_SourceId",
                table: "calls",
                columns: new[] { "EnterpriseId", "StartedAt", "SourceSystem", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_StartedDay_CustomerNumberIndex",
                table: "calls",
                columns: new[] { "StartedDay", "CustomerNumberIndex" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calls_EnterpriseId_SourceId",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_EnterpriseId_StartedAt_SourceSystem_SourceId",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "IX_calls_StartedDay_CustomerNumberIndex",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "StartedDay",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "IX_calls_CustomerNumberIndex",
                table: "calls",
                column: "CustomerNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_SourceSystem_SourceId_StartedAt",
                table: "calls",
                columns: new[] { "EnterpriseId", "SourceSystem", "SourceId", "StartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_StartedAt",
                table: "calls",
                columns: new[] { "EnterpriseId", "StartedAt" });
        }
    }
}
