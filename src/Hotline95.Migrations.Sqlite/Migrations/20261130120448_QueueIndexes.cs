using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_queue_calls_waiting",
                table: "queue_calls",
                columns: new[] { "EnterpriseId", "SourceSystem", "EnteredAt" },
                filter: "\"State\" = 'Waiting'");

            migrationBuilder.CreateIndex(
                name: "IX_queue_agent_intervals_EnterpriseId_EndedAt",
                table: "queue_agent_intervals",
                columns: new[] { "EnterpriseId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_queue_calls_waiting",
                table: "queue_calls");

            migrationBuilder.DropIndex(
                name: "IX_queue_agent_intervals_EnterpriseId_EndedAt",
                table: "queue_agent_intervals");
        }
    }
}
