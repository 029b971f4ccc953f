using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PhrasesNotText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EvidencePhrase",
                table: "red_line_alerts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidencePhrase",
                table: "monitoring_alerts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EscalationPhrase",
                table: "complaints",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EvidencePhrase",
                table: "red_line_alerts");

            migrationBuilder.DropColumn(
                name: "EvidencePhrase",
                table: "monitoring_alerts");

            migrationBuilder.DropColumn(
                name: "EscalationPhrase",
                table: "complaints");
        }
    }
}
