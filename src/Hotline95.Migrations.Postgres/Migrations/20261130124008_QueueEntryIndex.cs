using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueueEntryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_queue_calls_EnteredAt",
                table: "queue_calls");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_queue_calls_EnteredAt",
                table: "queue_calls",
                column: "EnteredAt");
        }
    }
}
