using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.PostgreSql.Migrations
{
    /// <summary>Five region levels instead of three: see the SQLite migration of the same name.</summary>
    [DbContext(typeof(ServiceDbContext))]
    [Migration("20261215090000_RegionLevels")]
    public partial class RegionLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Storage.Migrations.RegionLevelSql.FromCode);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE regions SET \"Level\" = CASE WHEN length(\"Code\") = 12 THEN 3 WHEN length(\"Code\") = 9 THEN 2 ELSE 1 END;");
    }
}
