using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.Migrations
{
    /// <inheritdoc />
    public partial class BodySchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "body_duty_groups",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupsJson = table.Column<string>(type: "TEXT", nullable: false),
                    TurnsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_duty_groups", x => x.BodyId);
                });

            migrationBuilder.CreateTable(
                name: "body_rotations",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_rotations", x => x.BodyId);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => new { x.SubjectId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "joint_meetings",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", nullable: true),
                    MovedBecause = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meetings", x => new { x.GroupId, x.Year, x.Quarter });
                });

            migrationBuilder.CreateTable(
                name: "meeting_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: false),
                    ConvenerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    InviteeIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_groups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_InstanceId",
                table: "follow_ups",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_groups_RegionCode",
                table: "meeting_groups",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "body_duty_groups");

            migrationBuilder.DropTable(
                name: "body_rotations");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "joint_meetings");

            migrationBuilder.DropTable(
                name: "meeting_groups");
        }
    }
}
