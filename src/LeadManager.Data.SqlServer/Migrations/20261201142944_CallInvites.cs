using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CallInvites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CallAgreedAt",
                table: "Leads",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CallSequence",
                table: "FollowUps",
                type: "int",
                nullable: true);

            // A call agreed before this release counts as agreed when its stage began.
            migrationBuilder.Sql("UPDATE Leads SET CallAgreedAt = StageStartedAt WHERE ScheduledCallAt IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CallAgreedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "CallSequence",
                table: "FollowUps");
        }
    }
}
