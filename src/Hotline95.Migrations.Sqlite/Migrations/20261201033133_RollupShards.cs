using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RollupShards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_rollup_hourly",
                table: "rollup_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_rollup_daily",
                table: "rollup_daily");

            migrationBuilder.AddColumn<int>(
                name: "Shard",
                table: "rollup_hourly",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Shard",
                table: "rollup_daily",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_rollup_hourly",
                table: "rollup_hourly",
                columns: new[] { "EnterpriseId", "Line", "Day", "Hour", "Shard" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_rollup_daily",
                table: "rollup_daily",
                columns: new[] { "EnterpriseId", "Line", "Day", "Shard" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Refused (duplicate key) once a day has rows in more than one shard: going back would have to add them up.
            migrationBuilder.DropPrimaryKey(
                name: "PK_rollup_hourly",
                table: "rollup_hourly");

            migrationBuilder.DropPrimaryKey(
                name: "PK_rollup_daily",
                table: "rollup_daily");

            migrationBuilder.DropColumn(
                name: "Shard",
                table: "rollup_hourly");

            migrationBuilder.DropColumn(
                name: "Shard",
                table: "rollup_daily");

            migrationBuilder.AddPrimaryKey(
                name: "PK_rollup_hourly",
                table: "rollup_hourly",
                columns: new[] { "EnterpriseId", "Line", "Day", "Hour" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_rollup_daily",
                table: "rollup_daily",
                columns: new[] { "EnterpriseId", "Line", "Day" });
        }
    }
}
