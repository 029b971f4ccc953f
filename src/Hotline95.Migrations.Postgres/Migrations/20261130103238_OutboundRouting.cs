using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboundRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DefaultOutbound",
                table: "lines",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OutboundCallerId",
                table: "lines",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "outbound_routes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Pattern = table.Column<string>(type: "character varying(33)", maxLength: 33, nullable: false),
                    CallerId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbound_routes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outbound_routes_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbound_routes_EnterpriseId_Position",
                table: "outbound_routes",
                columns: new[] { "EnterpriseId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbound_routes");

            migrationBuilder.DropColumn(
                name: "DefaultOutbound",
                table: "lines");

            migrationBuilder.DropColumn(
                name: "OutboundCallerId",
                table: "lines");
        }
    }
}
