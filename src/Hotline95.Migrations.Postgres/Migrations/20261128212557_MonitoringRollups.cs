using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monitoring_alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Observed = table.Column<double>(type: "double precision", nullable: false),
                    Expected = table.Column<double>(type: "double precision", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CallerIndex = table.Column<byte[]>(type: "bytea", nullable: true),
                    SampleCallId = table.Column<long>(type: "bigint", nullable: true),
                    CallerMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Handling = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_monitoring_alerts_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_daily",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CallsIn = table.Column<int>(type: "integer", nullable: false),
                    CallsOut = table.Column<int>(type: "integer", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    Missed = table.Column<int>(type: "integer", nullable: false),
                    TalkSeconds = table.Column<long>(type: "bigint", nullable: false),
                    RingSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    Callers = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_daily", x => new { x.EnterpriseId, x.Line, x.Day });
                    table.ForeignKey(
                        name: "FK_rollup_daily_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_hourly",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: false),
                    Calls = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_hourly", x => new { x.EnterpriseId, x.Line, x.Day, x.Hour });
                    table.ForeignKey(
                        name: "FK_rollup_hourly_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_EnterpriseId_DedupKey",
                table: "monitoring_alerts",
                columns: new[] { "EnterpriseId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_EnterpriseId_RaisedAt",
                table: "monitoring_alerts",
                columns: new[] { "EnterpriseId", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitoring_alerts");

            migrationBuilder.DropTable(
                name: "rollup_daily");

            migrationBuilder.DropTable(
                name: "rollup_hourly");
        }
    }
}
