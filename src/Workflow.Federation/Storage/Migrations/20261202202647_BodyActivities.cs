using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Federation.Storage.Migrations
{
    /// <inheritdoc />
    public partial class BodyActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "body_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    DutyGroup = table.Column<int>(type: "INTEGER", nullable: true),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    HostedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_activities", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_body_activities_BodyId_HeldOn",
                table: "body_activities",
                columns: new[] { "BodyId", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "body_activities");
        }
    }
}
