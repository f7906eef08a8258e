using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Federation.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Founding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FoundingRequestId",
                table: "federation_bodies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TermEndsOn",
                table: "federation_bodies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "election_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Record = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_election_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "federation_body_leaders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Organization = table.Column<string>(type: "TEXT", nullable: true),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                name: "founding_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ModeReason = table.Column<string>(type: "TEXT", nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Slate = table.Column<string>(type: "TEXT", nullable: true),
                    CongressDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_founding_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "founding_members",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_election_attempts_RequestId_Stage_Number",
                table: "election_attempts",
                columns: new[] { "RequestId", "Stage", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_federation_body_leaders_BodyId_Order",
                table: "federation_body_leaders",
                columns: new[] { "BodyId", "Order" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "election_attempts");

            migrationBuilder.DropTable(
                name: "federation_body_leaders");

            migrationBuilder.DropTable(
                name: "founding_members");

            migrationBuilder.DropTable(
                name: "founding_requests");

            migrationBuilder.DropColumn(
                name: "FoundingRequestId",
                table: "federation_bodies");

            migrationBuilder.DropColumn(
                name: "TermEndsOn",
                table: "federation_bodies");
        }
    }
}
