using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CallStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blind_index_keys",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                name: "call_recordings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                name: "data_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                name: "purge_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                name: "IX_calls_EnterpriseId_CustomerNumberIndex_StartedAt",
                table: "calls",
                columns: new[] { "EnterpriseId", "CustomerNumberIndex", "StartedAt" });

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
                name: "IX_legal_holds_EnterpriseId_CallId",
                table: "legal_holds",
                columns: new[] { "EnterpriseId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_purge_runs_EnterpriseId_RanAt",
                table: "purge_runs",
                columns: new[] { "EnterpriseId", "RanAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "purge_runs");
        }
    }
}
