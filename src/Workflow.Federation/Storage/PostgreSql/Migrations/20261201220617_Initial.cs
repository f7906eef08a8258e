using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Federation.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "body_duty_groups",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupsJson = table.Column<string>(type: "text", nullable: false),
                    TurnsJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_duty_groups", x => x.BodyId);
                });

            migrationBuilder.CreateTable(
                name: "body_rotations",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_body_rotations", x => x.BodyId);
                });

            migrationBuilder.CreateTable(
                name: "coverage_targets",
                columns: table => new
                {
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Bodies = table.Column<int>(type: "integer", nullable: false),
                    MicroHomes = table.Column<int>(type: "integer", nullable: false),
                    SetAt = table.Column<long>(type: "bigint", nullable: false),
                    SetBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coverage_targets", x => new { x.RegionCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "election_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Record = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecordedBy = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_election_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "federation_bodies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FoundedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RegistrationNumber = table.Column<string>(type: "text", nullable: true),
                    TermEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FoundingRequestId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_bodies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_ups", x => new { x.SubjectId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "founding_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ModeReason = table.Column<string>(type: "text", nullable: true),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Slate = table.Column<string>(type: "text", nullable: true),
                    CongressDate = table.Column<DateOnly>(type: "date", nullable: true),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_founding_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "joint_meetings",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<long>(type: "bigint", nullable: false),
                    Location = table.Column<string>(type: "text", nullable: true),
                    MovedBecause = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_meetings", x => new { x.GroupId, x.Year, x.Quarter });
                });

            migrationBuilder.CreateTable(
                name: "meeting_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    ConvenerId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyIdsJson = table.Column<string>(type: "text", nullable: false),
                    InviteeIdsJson = table.Column<string>(type: "text", nullable: false),
                    Location = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meeting_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false),
                    LastCampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: true),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "text", nullable: true),
                    StaffCount = table.Column<int>(type: "integer", nullable: false),
                    WomenCount = table.Column<int>(type: "integer", nullable: false),
                    PartyOrganization = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PartyOrganizationName = table.Column<string>(type: "text", nullable: true),
                    OperatingStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerGroup = table.Column<string>(type: "text", nullable: true),
                    Site = table.Column<string>(type: "text", nullable: true),
                    IsWomensOrganization = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "survey_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true),
                    ClosedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "federation_body_leaders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Organization = table.Column<string>(type: "text", nullable: true),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_body_leaders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_federation_body_leaders_federation_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "federation_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "founding_members",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_founding_members", x => new { x.RequestId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_founding_members_founding_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "founding_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "federation_body_members",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_federation_body_members", x => new { x.BodyId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_federation_body_members_federation_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "federation_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_federation_body_members_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "roster_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Roster = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: true),
                    Phone = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Honour = table.Column<string>(type: "text", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_entries_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_records",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<long>(type: "bigint", nullable: false),
                    RecordedBy = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    CreditCode = table.Column<string>(type: "text", nullable: true),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "text", nullable: false),
                    Industry = table.Column<string>(type: "text", nullable: true),
                    Address = table.Column<string>(type: "text", nullable: true),
                    StaffCount = table.Column<int>(type: "integer", nullable: false),
                    WomenCount = table.Column<int>(type: "integer", nullable: false),
                    PartyOrganization = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PartyOrganizationName = table.Column<string>(type: "text", nullable: true),
                    OperatingStatus = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OwnerGroup = table.Column<string>(type: "text", nullable: true),
                    Site = table.Column<string>(type: "text", nullable: true),
                    IsWomensOrganization = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_records_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_survey_records_survey_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "survey_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_election_attempts_RequestId_Stage_Number",
                table: "election_attempts",
                columns: new[] { "RequestId", "Stage", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_federation_bodies_RegionCode_Status",
                table: "federation_bodies",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_federation_bodies_RegistrationNumber",
                table: "federation_bodies",
                column: "RegistrationNumber",
                unique: true,
                filter: "\"RegistrationNumber\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_federation_body_leaders_BodyId_Order",
                table: "federation_body_leaders",
                columns: new[] { "BodyId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_federation_body_members_OrganizationId",
                table: "federation_body_members",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_follow_ups_InstanceId",
                table: "follow_ups",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_founding_members_OrganizationId",
                table: "founding_members",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_founding_requests_InstanceId",
                table: "founding_requests",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_founding_requests_RegionCode",
                table: "founding_requests",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_meeting_groups_RegionCode",
                table: "meeting_groups",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_organizations_Coverage",
                table: "organizations",
                columns: new[] { "RegionCode", "Sector", "OperatingStatus", "WomenCount", "Kind", "PartyOrganization", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_organizations_CreditCode",
                table: "organizations",
                column: "CreditCode",
                unique: true,
                filter: "\"CreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_roster_entries_OrganizationId_Roster",
                table: "roster_entries",
                columns: new[] { "OrganizationId", "Roster" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_campaigns_RegionCode",
                table: "survey_campaigns",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_survey_records_CampaignId",
                table: "survey_records",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_survey_records_OrganizationId_Id",
                table: "survey_records",
                columns: new[] { "OrganizationId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "body_duty_groups");

            migrationBuilder.DropTable(
                name: "body_rotations");

            migrationBuilder.DropTable(
                name: "coverage_targets");

            migrationBuilder.DropTable(
                name: "election_attempts");

            migrationBuilder.DropTable(
                name: "federation_body_leaders");

            migrationBuilder.DropTable(
                name: "federation_body_members");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "founding_members");

            migrationBuilder.DropTable(
                name: "joint_meetings");

            migrationBuilder.DropTable(
                name: "meeting_groups");

            migrationBuilder.DropTable(
                name: "roster_entries");

            migrationBuilder.DropTable(
                name: "survey_records");

            migrationBuilder.DropTable(
                name: "federation_bodies");

            migrationBuilder.DropTable(
                name: "founding_requests");

            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropTable(
                name: "survey_campaigns");
        }
    }
}
