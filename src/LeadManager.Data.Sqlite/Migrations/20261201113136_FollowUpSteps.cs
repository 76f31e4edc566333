using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "OutboundEmails",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FollowUpId",
                table: "OutboundEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StaffMemberId",
                table: "OutboundEmails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewRequestedAt",
                table: "Leads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StageStartedAt",
                table: "Leads",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Existing requests count their stage from the latest thing known to have moved them.
            migrationBuilder.Sql("UPDATE Leads SET StageStartedAt = COALESCE(ClosedAt, AssignedAt, CreatedAt), ReviewRequestedAt = CASE WHEN Triage IN (2, 3) THEN CreatedAt END;");

            migrationBuilder.AlterColumn<int>(
                name: "LeadId",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MadeFor",
                table: "FollowUps",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "MadeForVersion",
                table: "FollowUps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SkipReason",
                table: "FollowUps",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StaffMemberId",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_StaffMemberId",
                table: "OutboundEmails",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_StaffMemberId_Kind_MadeFor",
                table: "FollowUps",
                columns: new[] { "StaffMemberId", "Kind", "MadeFor" });

            migrationBuilder.AddForeignKey(
                name: "FK_FollowUps_StaffMembers_StaffMemberId",
                table: "FollowUps",
                column: "StaffMemberId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboundEmails_StaffMembers_StaffMemberId",
                table: "OutboundEmails",
                column: "StaffMemberId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FollowUps_StaffMembers_StaffMemberId",
                table: "FollowUps");

            migrationBuilder.DropForeignKey(
                name: "FK_OutboundEmails_StaffMembers_StaffMemberId",
                table: "OutboundEmails");

            migrationBuilder.DropIndex(
                name: "IX_OutboundEmails_StaffMemberId",
                table: "OutboundEmails");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_StaffMemberId_Kind_MadeFor",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "OutboundEmails");

            migrationBuilder.DropColumn(
                name: "FollowUpId",
                table: "OutboundEmails");

            migrationBuilder.DropColumn(
                name: "StaffMemberId",
                table: "OutboundEmails");

            migrationBuilder.DropColumn(
                name: "ReviewRequestedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "StageStartedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "MadeFor",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "MadeForVersion",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "SkipReason",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "StaffMemberId",
                table: "FollowUps");

            migrationBuilder.AlterColumn<int>(
                name: "LeadId",
                table: "FollowUps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
