using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Storage.Migrations
{
    /// <inheritdoc />
    public partial class JournalSeal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows already written keep no seal: they were chained before the journal was keyed and verify by hash only.
            migrationBuilder.AddColumn<string>(
                name: "Seal",
                table: "journal",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Seal",
                table: "journal");
        }
    }
}
