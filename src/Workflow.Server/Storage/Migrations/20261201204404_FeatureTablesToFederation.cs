using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.Migrations
{
    /// <summary>
    /// The rotation, duty-group, follow-up and joint-meeting tables leave the service's model: the federation owns them
    /// now (its migration <c>FeatureTablesFromService</c>). Nothing is dropped: the rows stay in the shared file, where the
    /// federation's context reads them. The service migrates before the federation at start-up (<c>StartupTasks</c>), so on
    /// a fresh file <c>BodySchedules</c> still creates them and the federation's <c>CREATE TABLE IF NOT EXISTS</c> finds them.
    /// </summary>
    public partial class FeatureTablesToFederation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
