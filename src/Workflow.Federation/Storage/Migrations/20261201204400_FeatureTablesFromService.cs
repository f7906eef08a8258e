using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Federation.Storage.Migrations
{
    /// <summary>
    /// The rotation, duty-group, follow-up and joint-meeting tables change owner: the service's migrations created them
    /// (<c>20261123112500_BodySchedules</c> in <c>__ServiceMigrations</c>), the federation owns them from now on. Every
    /// context shares the one database file, so the rows stay where they are: on a database that has them this creates
    /// nothing, on a fresh one it creates them with the service migration's exact DDL. Down leaves them to the service's
    /// migrations again, which still list them.
    /// </summary>
    public partial class FeatureTablesFromService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "body_duty_groups" (
                    "BodyId" TEXT NOT NULL CONSTRAINT "PK_body_duty_groups" PRIMARY KEY,
                    "GroupsJson" TEXT NOT NULL,
                    "TurnsJson" TEXT NOT NULL,
                    "UpdatedAt" INTEGER NOT NULL,
                    "UpdatedBy" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "body_rotations" (
                    "BodyId" TEXT NOT NULL CONSTRAINT "PK_body_rotations" PRIMARY KEY,
                    "PlanJson" TEXT NOT NULL,
                    "UpdatedAt" INTEGER NOT NULL,
                    "UpdatedBy" TEXT NOT NULL,
                    "Revision" INTEGER NOT NULL
                );
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "follow_ups" (
                    "SubjectId" TEXT NOT NULL,
                    "Key" TEXT NOT NULL,
                    "InstanceId" TEXT NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    CONSTRAINT "PK_follow_ups" PRIMARY KEY ("SubjectId", "Key")
                );
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "joint_meetings" (
                    "GroupId" TEXT NOT NULL,
                    "Year" INTEGER NOT NULL,
                    "Quarter" INTEGER NOT NULL,
                    "StartsAt" INTEGER NOT NULL,
                    "Location" TEXT NULL,
                    "MovedBecause" TEXT NULL,
                    CONSTRAINT "PK_joint_meetings" PRIMARY KEY ("GroupId", "Year", "Quarter")
                );
                """);
            migrationBuilder.Sql("""
                CREATE TABLE IF NOT EXISTS "meeting_groups" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_meeting_groups" PRIMARY KEY,
                    "Name" TEXT NOT NULL,
                    "RegionCode" TEXT NOT NULL,
                    "ConvenerId" TEXT NOT NULL,
                    "BodyIdsJson" TEXT NOT NULL,
                    "InviteeIdsJson" TEXT NOT NULL,
                    "Location" TEXT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "CreatedBy" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_follow_ups_InstanceId" ON "follow_ups" ("InstanceId");""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_meeting_groups_RegionCode" ON "meeting_groups" ("RegionCode");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
