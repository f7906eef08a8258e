using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Server.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Digest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every digest flag starts false: people who chose their channels before digests existed keep each reminder.
            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "reminders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "EmailDigest",
                table: "notification_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SmsDigest",
                table: "notification_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "WebhookDigest",
                table: "notification_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "DigestId",
                table: "deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_State_DigestId_RecipientId",
                table: "deliveries",
                columns: new[] { "State", "DigestId", "RecipientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deliveries_State_DigestId_RecipientId",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "reminders");

            migrationBuilder.DropColumn(
                name: "EmailDigest",
                table: "notification_settings");

            migrationBuilder.DropColumn(
                name: "SmsDigest",
                table: "notification_settings");

            migrationBuilder.DropColumn(
                name: "WebhookDigest",
                table: "notification_settings");

            migrationBuilder.DropColumn(
                name: "DigestId",
                table: "deliveries");
        }
    }
}
