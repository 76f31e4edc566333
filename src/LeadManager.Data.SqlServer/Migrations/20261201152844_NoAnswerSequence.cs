using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class NoAnswerSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastAttemptAt",
                table: "Leads",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastAttemptResult",
                table: "Leads",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptBy",
                table: "Leads",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptFrom",
                table: "Leads",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PatientRespondedAt",
                table: "Leads",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "LastAttemptResult",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "NextAttemptBy",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "NextAttemptFrom",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "PatientRespondedAt",
                table: "Leads");
        }
    }
}
