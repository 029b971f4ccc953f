using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Callbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "callbacks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    MissedCallId = table.Column<long>(type: "INTEGER", nullable: false),
                    MissedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CallbackCallId = table.Column<long>(type: "INTEGER", nullable: true),
                    CallbackAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_callbacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_callbacks_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_callbacks",
                columns: table => new
                {
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CalledBack = table.Column<int>(type: "INTEGER", nullable: false),
                    CalledBackWithin24Hours = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_callbacks", x => new { x.EnterpriseId, x.Line, x.Day });
                    table.ForeignKey(
                        name: "FK_rollup_callbacks_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_callbacks_EnterpriseId_MissedCallId",
                table: "callbacks",
                columns: new[] { "EnterpriseId", "MissedCallId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_callbacks_MissedAt",
                table: "callbacks",
                column: "MissedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callbacks");

            migrationBuilder.DropTable(
                name: "rollup_callbacks");
        }
    }
}
