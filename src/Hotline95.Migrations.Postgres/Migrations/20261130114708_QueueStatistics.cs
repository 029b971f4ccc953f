using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueueStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Queues",
                table: "lines",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "follow_positions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Path = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    NextLine = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_positions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_follow_positions_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "queue_agent_intervals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceSystem = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queue_agent_intervals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_queue_agent_intervals_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "queue_calls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SourceSystem = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SourceId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConnectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HoldSeconds = table.Column<int>(type: "integer", nullable: true),
                    TalkSeconds = table.Column<int>(type: "integer", nullable: true),
                    ExitEvent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Rings = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queue_calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_queue_calls_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_queue_agents",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    TalkSeconds = table.Column<long>(type: "bigint", nullable: false),
                    RingsNotAnswered = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_queue_agents", x => new { x.EnterpriseId, x.Line, x.Queue, x.Agent, x.Day });
                    table.ForeignKey(
                        name: "FK_rollup_queue_agents_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rollup_queue_hourly",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: false),
                    Offered = table.Column<int>(type: "integer", nullable: false),
                    Answered = table.Column<int>(type: "integer", nullable: false),
                    AnsweredInTime = table.Column<int>(type: "integer", nullable: false),
                    HoldSeconds = table.Column<long>(type: "bigint", nullable: false),
                    Abandoned = table.Column<int>(type: "integer", nullable: false),
                    ShortAbandoned = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    TalkSeconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollup_queue_hourly", x => new { x.EnterpriseId, x.Line, x.Queue, x.Day, x.Hour });
                    table.ForeignKey(
                        name: "FK_rollup_queue_hourly_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_follow_positions_EnterpriseId_Kind_Path",
                table: "follow_positions",
                columns: new[] { "EnterpriseId", "Kind", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_queue_agent_intervals_EnterpriseId_Agent_Queue_Kind_Started~",
                table: "queue_agent_intervals",
                columns: new[] { "EnterpriseId", "Agent", "Queue", "Kind", "StartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_queue_calls_EnteredAt",
                table: "queue_calls",
                column: "EnteredAt");

            migrationBuilder.CreateIndex(
                name: "IX_queue_calls_EnterpriseId_SourceSystem_SourceId_Queue_Entere~",
                table: "queue_calls",
                columns: new[] { "EnterpriseId", "SourceSystem", "SourceId", "Queue", "EnteredAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_positions");

            migrationBuilder.DropTable(
                name: "queue_agent_intervals");

            migrationBuilder.DropTable(
                name: "queue_calls");

            migrationBuilder.DropTable(
                name: "rollup_queue_agents");

            migrationBuilder.DropTable(
                name: "rollup_queue_hourly");

            migrationBuilder.DropColumn(
                name: "Queues",
                table: "lines");
        }
    }
}
