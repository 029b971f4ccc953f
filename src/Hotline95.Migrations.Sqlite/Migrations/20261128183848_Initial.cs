using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "TEXT", nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "call_recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CallId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_recordings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CustomerNumber = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CustomerNumberIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CustomerName = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RingSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    TalkSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HangupCause = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Missed = table.Column<bool>(type: "INTEGER", nullable: false),
                    SourceSystem = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprises", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_keys_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "blind_index_keys",
                columns: table => new
                {
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blind_index_keys", x => x.EnterpriseId);
                    table.ForeignKey(
                        name: "FK_blind_index_keys_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "blocked_callers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    NumberIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MaskedNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blocked_callers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_blocked_callers_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "data_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RotatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DestroyedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_keys_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CallId = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_legal_holds_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lines",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lines_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "purge_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RanAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Cutoff = table.Column<long>(type: "INTEGER", nullable: false),
                    CallsDeleted = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordingsDeleted = table.Column<int>(type: "INTEGER", nullable: false),
                    CallsKeptOnHold = table.Column<int>(type: "INTEGER", nullable: false),
                    KeysDestroyed = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RanBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purge_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_purge_runs_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    FailedLogins = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastLoginAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_users_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "seats",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Equipment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgentUserId = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_seats_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_seats_users_AgentUserId",
                        column: x => x.AgentUserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_EnterpriseId",
                table: "api_keys",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_KeyHash",
                table: "api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_EnterpriseId_At",
                table: "audit_log",
                columns: new[] { "EnterpriseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_blocked_callers_EnterpriseId_NumberIndex",
                table: "blocked_callers",
                columns: new[] { "EnterpriseId", "NumberIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_call_recordings_EnterpriseId_CallId",
                table: "call_recordings",
                columns: new[] { "EnterpriseId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_calls_CustomerNumberIndex",
                table: "calls",
                column: "CustomerNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_SourceSystem_SourceId_StartedAt",
                table: "calls",
                columns: new[] { "EnterpriseId", "SourceSystem", "SourceId", "StartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_EnterpriseId_StartedAt",
                table: "calls",
                columns: new[] { "EnterpriseId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_data_keys_EnterpriseId_Purpose_Month",
                table: "data_keys",
                columns: new[] { "EnterpriseId", "Purpose", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_enterprises_Slug",
                table: "enterprises",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_legal_holds_EnterpriseId_CallId",
                table: "legal_holds",
                columns: new[] { "EnterpriseId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_lines_EnterpriseId_Number",
                table: "lines",
                columns: new[] { "EnterpriseId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_purge_runs_EnterpriseId_RanAt",
                table: "purge_runs",
                columns: new[] { "EnterpriseId", "RanAt" });

            migrationBuilder.CreateIndex(
                name: "IX_seats_AgentUserId",
                table: "seats",
                column: "AgentUserId");

            migrationBuilder.CreateIndex(
                name: "IX_seats_EnterpriseId_Code",
                table: "seats",
                columns: new[] { "EnterpriseId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_EnterpriseId",
                table: "users",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_users_UserName",
                table: "users",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "blind_index_keys");

            migrationBuilder.DropTable(
                name: "blocked_callers");

            migrationBuilder.DropTable(
                name: "call_recordings");

            migrationBuilder.DropTable(
                name: "calls");

            migrationBuilder.DropTable(
                name: "data_keys");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "lines");

            migrationBuilder.DropTable(
                name: "purge_runs");

            migrationBuilder.DropTable(
                name: "seats");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "enterprises");
        }
    }
}
