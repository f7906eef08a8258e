using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Storage.Migrations
{
    /// <inheritdoc />
    public partial class JournalDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_journal_decisions",
                table: "journal",
                columns: new[] { "Actor", "At" },
                filter: "\"Kind\" = 'Resumed' AND \"BookmarkId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_journal_decisions",
                table: "journal");
        }
    }
}
