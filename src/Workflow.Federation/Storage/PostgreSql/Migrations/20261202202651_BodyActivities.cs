using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Federation.Storage.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Minutes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    DutyGroup = table.Column<int>(type: "integer", nullable: true),
                    Attendees = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HostedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false),
                    RecordedBy = table.Column<string>(type: "text", nullable: false)
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
