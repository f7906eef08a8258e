using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Persistence.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PersonalTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssigneeUserId",
                table: "bookmarks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_AssigneeUserId",
                table: "bookmarks",
                column: "AssigneeUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookmarks_AssigneeUserId",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "AssigneeUserId",
                table: "bookmarks");
        }
    }
}
