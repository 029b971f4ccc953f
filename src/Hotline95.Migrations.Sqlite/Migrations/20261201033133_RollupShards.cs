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
            // EF's own rebuild of the two tables (to add Shard to their keys), written out without its PRAGMA foreign_keys = 0/1:
            // those cannot run in a transaction, so EF committed the migration in three pieces (a crash between them left it
            // half applied) and warned on every new database. Without the pragma the rebuild is one transaction, and as safe,
            // because no foreign key refers to these tables (MigrationTests checks every table a migration rebuilds).
            migrationBuilder.Sql("""
                ALTER TABLE "rollup_hourly" ADD "Shard" INTEGER NOT NULL DEFAULT 0
                """);

            migrationBuilder.Sql("""
                ALTER TABLE "rollup_daily" ADD "Shard" INTEGER NOT NULL DEFAULT 0
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_rollup_hourly" (
                    "EnterpriseId" BLOB NOT NULL,
                    "Line" TEXT NOT NULL,
                    "Day" TEXT NOT NULL,
                    "Hour" INTEGER NOT NULL,
                    "Shard" INTEGER NOT NULL,
                    "Calls" INTEGER NOT NULL,
                    CONSTRAINT "PK_rollup_hourly" PRIMARY KEY ("EnterpriseId", "Line", "Day", "Hour", "Shard"),
                    CONSTRAINT "FK_rollup_hourly_enterprises_EnterpriseId" FOREIGN KEY ("EnterpriseId") REFERENCES "enterprises" ("Id") ON DELETE RESTRICT
                )
                """);

            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_rollup_hourly" ("EnterpriseId", "Line", "Day", "Hour", "Shard", "Calls")
                SELECT "EnterpriseId", "Line", "Day", "Hour", "Shard", "Calls"
                FROM "rollup_hourly"
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_rollup_daily" (
                    "EnterpriseId" BLOB NOT NULL,
                    "Line" TEXT NOT NULL,
                    "Day" TEXT NOT NULL,
                    "Shard" INTEGER NOT NULL,
                    "Answered" INTEGER NOT NULL,
                    "Callers" BLOB NOT NULL,
                    "CallsIn" INTEGER NOT NULL,
                    "CallsOut" INTEGER NOT NULL,
                    "Complaints" INTEGER NOT NULL,
                    "Missed" INTEGER NOT NULL,
                    "RingSeconds" INTEGER NOT NULL,
                    "TalkSeconds" INTEGER NOT NULL,
                    CONSTRAINT "PK_rollup_daily" PRIMARY KEY ("EnterpriseId", "Line", "Day", "Shard"),
                    CONSTRAINT "FK_rollup_daily_enterprises_EnterpriseId" FOREIGN KEY ("EnterpriseId") REFERENCES "enterprises" ("Id") ON DELETE RESTRICT
                )
                """);

            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_rollup_daily" ("EnterpriseId", "Line", "Day", "Shard", "Answered", "Callers", "CallsIn", "CallsOut", "Complaints", "Missed", "RingSeconds", "TalkSeconds")
                SELECT "EnterpriseId", "Line", "Day", "Shard", "Answered", "Callers", "CallsIn", "CallsOut", "Complaints", "Missed", "RingSeconds", "TalkSeconds"
                FROM "rollup_daily"
                """);

            migrationBuilder.Sql("""
                DROP TABLE "rollup_hourly"
                """);

            migrationBuilder.Sql("""
                ALTER TABLE "ef_temp_rollup_hourly" RENAME TO "rollup_hourly"
                """);

            migrationBuilder.Sql("""
                DROP TABLE "rollup_daily"
                """);

            migrationBuilder.Sql("""
                ALTER TABLE "ef_temp_rollup_daily" RENAME TO "rollup_daily"
                """);
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
