using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClinicAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SiteClosure_SiteId_Date",
                table: "SiteClosure");

            migrationBuilder.RenameColumn(
                name: "Date",
                table: "SiteClosure",
                newName: "LastDay");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "StaffMembers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedAt",
                table: "StaffMembers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "StaffMembers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "StaffMembers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "StaffMembers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutyClinicianId",
                table: "Sites",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Sites",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstDay",
                table: "SiteClosure",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // A closure was one day: its date (renamed LastDay above) is also its first day.
            migrationBuilder.Sql("UPDATE [SiteClosure] SET [FirstDay] = [LastDay];");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorStaffMemberId = table.Column<int>(type: "int", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Area = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    SubjectId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    SubjectName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    From = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    To = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffLeave",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StaffMemberId = table.Column<int>(type: "int", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffLeave", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffLeave_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sites_DutyClinicianId",
                table: "Sites",
                column: "DutyClinicianId");

            migrationBuilder.CreateIndex(
                name: "IX_SiteClosure_SiteId_FirstDay",
                table: "SiteClosure",
                columns: new[] { "SiteId", "FirstDay" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Area_SubjectId_At",
                table: "AuditEntries",
                columns: new[] { "Area", "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_StaffLeave_StaffMemberId_LastDay",
                table: "StaffLeave",
                columns: new[] { "StaffMemberId", "LastDay" });

            migrationBuilder.AddForeignKey(
                name: "FK_Sites_StaffMembers_DutyClinicianId",
                table: "Sites",
                column: "DutyClinicianId",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sites_StaffMembers_DutyClinicianId",
                table: "Sites");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "StaffLeave");

            migrationBuilder.DropIndex(
                name: "IX_Sites_DutyClinicianId",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_SiteClosure_SiteId_FirstDay",
                table: "SiteClosure");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "InvitedAt",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "StaffMembers");

            migrationBuilder.DropColumn(
                name: "DutyClinicianId",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "FirstDay",
                table: "SiteClosure");

            migrationBuilder.RenameColumn(
                name: "LastDay",
                table: "SiteClosure",
                newName: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_SiteClosure_SiteId_Date",
                table: "SiteClosure",
                columns: new[] { "SiteId", "Date" },
                unique: true);
        }
    }
}
