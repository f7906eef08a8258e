using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Federation.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LedgerPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ColumnMapping",
                table: "survey_campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Ledger",
                table: "organizations",
                columns: new[] { "RegionCode", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_organizations_Ledger",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "ColumnMapping",
                table: "survey_campaigns");
        }
    }
}
