using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CallTrunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "RegisteredTrunks",
                table: "lines",
                type: "text[]",
                nullable: false,
                // Lines that exist when this runs get an empty list rather than a failed migration.
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "Trunk",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegisteredTrunks",
                table: "lines");

            migrationBuilder.DropColumn(
                name: "Trunk",
                table: "calls");
        }
    }
}
