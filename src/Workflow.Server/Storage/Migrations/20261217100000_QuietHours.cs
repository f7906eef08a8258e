using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.Migrations
{
    /// <inheritdoc />
    public partial class QuietHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // People who saved their channels before quiet hours existed get the default window (21:00–08:00, on).
            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietFrom",
                table: "notification_settings",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(21, 0, 0));

            migrationBuilder.AddColumn<bool>(
                name: "QuietHours",
                table: "notification_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "QuietUntil",
                table: "notification_settings",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(8, 0, 0));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "QuietFrom",
                table: "notification_settings");

            migrationBuilder.DropColumn(
                name: "QuietHours",
                table: "notification_settings");

            migrationBuilder.DropColumn(
                name: "QuietUntil",
                table: "notification_settings");
        }
    }
}
