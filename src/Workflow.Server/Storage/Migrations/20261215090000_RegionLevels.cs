using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.Migrations
{
    /// <summary>
    /// The tree grew from three levels (district 1, township 2, village 3) to five (province 1, city 2, county 3, township 4,
    /// village 5). No column changes; the stored level is recomputed from the code, the one rule (<c>RegionCode.LevelOf</c>).
    /// </summary>
    [DbContext(typeof(ServiceDbContext))]
    [Migration("20261215090000_RegionLevels")]
    public partial class RegionLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RegionLevelSql.FromCode);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE regions SET \"Level\" = CASE WHEN length(\"Code\") = 12 THEN 3 WHEN length(\"Code\") = 9 THEN 2 ELSE 1 END;");
    }

    /// <summary>The same statement for SQLite and PostgreSQL.</summary>
    internal static class RegionLevelSql
    {
        public const string FromCode = """
            UPDATE regions SET "Level" = CASE
                WHEN length("Code") = 12 THEN 5
                WHEN length("Code") = 9 THEN 4
                WHEN "Code" LIKE '%0000' THEN 1
                WHEN "Code" LIKE '%00' THEN 2
                ELSE 3 END;
            """;
    }
}
