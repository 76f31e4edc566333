using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedAt",
                table: "StaffMembers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "StaffMembers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "StaffMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "StaffMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutyClinicianId",
                table: "Sites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Sites",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstDay",
                table: "SiteClosure",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // A closure was one day: its date (renamed LastDay above) is also its first day.
            migrationBuilder.Sql("UPDATE \"SiteClosure\" SET \"FirstDay\" = \"LastDay\";");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorStaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    From = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffLeave",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
