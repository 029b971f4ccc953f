using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceAndComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Purposes",
                table: "lines",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ServiceHours",
                table: "lines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CallId = table.Column<long>(type: "INTEGER", nullable: true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    CallerPhone = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CallerPhoneIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CallerName = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Summary = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RespondBy = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolveBy = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Resolution = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalationReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_complaints_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CallId = table.Column<long>(type: "INTEGER", nullable: true),
                    CustomerPhone = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CustomerPhoneIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tickets_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CallId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ticket_steps_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_CallerPhoneIndex",
                table: "complaints",
                column: "CallerPhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_complaints_EnterpriseId_ReceivedAt",
                table: "complaints",
                columns: new[] { "EnterpriseId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_complaints_EnterpriseId_Status_ResolveBy",
                table: "complaints",
                columns: new[] { "EnterpriseId", "Status", "ResolveBy" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_EnterpriseId_Role_CreatedAt",
                table: "notifications",
                columns: new[] { "EnterpriseId", "Role", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_steps_EnterpriseId_TicketId",
                table: "ticket_steps",
                columns: new[] { "EnterpriseId", "TicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_steps_TicketId",
                table: "ticket_steps",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_CustomerPhoneIndex",
                table: "tickets",
                column: "CustomerPhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_EnterpriseId_Step_OpenedAt",
                table: "tickets",
                columns: new[] { "EnterpriseId", "Step", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "ticket_steps");

            migrationBuilder.DropTable(
                name: "tickets");

            migrationBuilder.DropColumn(
                name: "Purposes",
                table: "lines");

            migrationBuilder.DropColumn(
                name: "ServiceHours",
                table: "lines");
        }
    }
}
