using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Desk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Extension",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PbxName",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "desk_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CallId = table.Column<long>(type: "bigint", nullable: false),
                    CtiCallId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Direction = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Caller = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Recipients = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_desk_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_users_EnterpriseId_Extension",
                table: "users",
                columns: new[] { "EnterpriseId", "Extension" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_EnterpriseId_PbxName",
                table: "users",
                columns: new[] { "EnterpriseId", "PbxName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_desk_events_At",
                table: "desk_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_desk_events_EnterpriseId_Id",
                table: "desk_events",
                columns: new[] { "EnterpriseId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "desk_events");

            migrationBuilder.DropIndex(
                name: "IX_users_EnterpriseId_Extension",
                table: "users");

            migrationBuilder.DropIndex(
                name: "IX_users_EnterpriseId_PbxName",
                table: "users");

            migrationBuilder.DropColumn(
                name: "Extension",
                table: "users");

            migrationBuilder.DropColumn(
                name: "PbxName",
                table: "users");
        }
    }
}
