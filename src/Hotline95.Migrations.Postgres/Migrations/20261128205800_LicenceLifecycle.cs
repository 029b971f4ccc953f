using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LicenceLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    UsesPlatform = table.Column<bool>(type: "boolean", nullable: false),
                    Number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    CertificateNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CertificateIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossiers_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licence_calendar_feeds",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_calendar_feeds", x => x.EnterpriseId);
                    table.ForeignKey(
                        name: "FK_licence_calendar_feeds_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licence_policies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "roster_agents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Employment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SocialInsuranceCity = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    SocialInsuranceMonths = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_agents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_agents_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_roster_agents_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "licence_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetGoLive = table.Column<DateOnly>(type: "date", nullable: true),
                    MaterialsReadyOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeclaredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FormalReviewPassedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SubstantiveReviewPassedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InspectionPassedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CertificateIssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licence_applications_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_licence_applications_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licence_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemindersSent = table.Column<List<int>>(type: "integer[]", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licence_tasks_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_licence_tasks_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "roster_trainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_trainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_trainings_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_roster_trainings_roster_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "roster_agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "licence_correction_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Codes = table.Column<List<string>>(type: "text[]", maxLength: 2000, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CorrectedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_correction_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licence_correction_notices_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_licence_correction_notices_licence_applications_Application~",
                        column: x => x.ApplicationId,
                        principalTable: "licence_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_EnterpriseId_Title",
                table: "dossiers",
                columns: new[] { "EnterpriseId", "Title" });

            migrationBuilder.CreateIndex(
                name: "IX_licence_applications_DossierId",
                table: "licence_applications",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_licence_applications_EnterpriseId_DossierId",
                table: "licence_applications",
                columns: new[] { "EnterpriseId", "DossierId" });

            migrationBuilder.CreateIndex(
                name: "IX_licence_calendar_feeds_TokenHash",
                table: "licence_calendar_feeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_licence_correction_notices_ApplicationId",
                table: "licence_correction_notices",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_licence_correction_notices_EnterpriseId",
                table: "licence_correction_notices",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_licence_tasks_DossierId",
                table: "licence_tasks",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_licence_tasks_EnterpriseId_DueOn",
                table: "licence_tasks",
                columns: new[] { "EnterpriseId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_agents_EnterpriseId_Name",
                table: "roster_agents",
                columns: new[] { "EnterpriseId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_agents_UserId",
                table: "roster_agents",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_trainings_AgentId",
                table: "roster_trainings",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_roster_trainings_EnterpriseId",
                table: "roster_trainings",
                column: "EnterpriseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "licence_calendar_feeds");

            migrationBuilder.DropTable(
                name: "licence_correction_notices");

            migrationBuilder.DropTable(
                name: "licence_policies");

            migrationBuilder.DropTable(
                name: "licence_tasks");

            migrationBuilder.DropTable(
                name: "roster_trainings");

            migrationBuilder.DropTable(
                name: "licence_applications");

            migrationBuilder.DropTable(
                name: "roster_agents");

            migrationBuilder.DropTable(
                name: "dossiers");
        }
    }
}
