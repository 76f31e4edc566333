using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadManager.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SiteBankHolidayRegion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BankHolidayRegion",
                table: "Sites",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BankHolidayRegion",
                table: "Sites");
        }
    }
}
