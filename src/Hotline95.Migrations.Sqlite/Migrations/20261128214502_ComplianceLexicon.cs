using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hotline95.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplianceLexicon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compliance_terms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsException = table.Column<bool>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Rewrite = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_terms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_compliance_terms_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_terms_EnterpriseId_Term_IsException",
                table: "compliance_terms",
                columns: new[] { "EnterpriseId", "Term", "IsException" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compliance_terms");
        }
    }
}
