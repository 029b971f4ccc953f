using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    MissedCallId = table.Column<long>(type: "bigint", nullable: false),
                    MissedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DoneBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CallbackCallId = table.Column<long>(type: "bigint", nullable: true),
                    CallbackAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CalledBack = table.Column<int>(type: "integer", nullable: false),
                    CalledBackWithin24Hours = table.Column<int>(type: "integer", nullable: false)
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
