using LeadManager.Data.Sites;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.Admin.Sites;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Admin.Sites.SiteTestData;

namespace LeadManager.IntegrationTests.Admin.Sites;

/// <summary>
/// Every wrong answer on the site and closure forms gets a message on its field and saves
/// nothing: the site, its hours and closures, its version and the audit trail are as they were.
/// </summary>
public sealed class SiteBadInputTests(TestApp app) : IClassFixture<TestApp>
{
    public static TheoryData<string, string, string> BadSites() => new()
    {
        // what is wrong, the field, words the message must hold
        { "reversed hours", "Hours.Monday", "Monday: it opens at 17:00 but closes at 09:00" },
        { "hours with no closing time", "Hours.Tuesday", "Tuesday: give both the opening and the closing time" },
        { "a 10,000-character name", nameof(SiteForm.Name), "The name is 10,000 characters long; the most is 100." },
        { "no name", nameof(SiteForm.Name), "Give the site a name." },
        { "a name with a line break", nameof(SiteForm.Name), "Type the name on one line" },
        { "an address with control characters", nameof(SiteForm.Address), "The address holds a control character" },
        { "a 400-character address", nameof(SiteForm.Address), "The address is 400 characters long; the most is 300." },
        { "a bad phone", nameof(SiteForm.Phone), "That is not a phone number patients can call" },
        { "no phone", nameof(SiteForm.Phone), "Give the site's phone number" },
        { "another site's name", nameof(SiteForm.Name), "Another site is already called Town Centre." },
        { "an unknown bank-holiday region", nameof(SiteForm.BankHolidayRegion), "Choose whose bank holidays close the site" },
        { "a receptionist as duty clinician", nameof(SiteForm.DutyClinicianId), "Sophie Hale is not a clinician" },
        { "a clinician of another site as duty clinician", nameof(SiteForm.DutyClinicianId), "Tom Okafor does not work at Riverside" },
    };

    [Theory]
    [MemberData(nameof(BadSites))]
    public async Task A_bad_answer_on_the_site_form_is_named_and_nothing_is_saved(string wrong, string field, string message)
    {
        var admin = await AdminAsync(app);
        var view = await OpenAsync(app, admin, "Riverside");
        var before = await StateAsync(app, "Riverside");
        var staff = await StaffIdsAsync();
        var form = Edited(view, f =>
        {
            switch (wrong)
            {
                case "reversed hours":
                    Day(f, DayOfWeek.Monday).Opens = new TimeOnly(17, 0);
                    Day(f, DayOfWeek.Monday).Closes = new TimeOnly(9, 0);
                    break;
                case "hours with no closing time":
                    Day(f, DayOfWeek.Tuesday).Closes = null;
                    break;
                case "a 10,000-character name":
                    f.Name = new string('R', 10_000);
                    break;
                case "no name":
                    f.Name = "   ";
                    break;
                case "a name with a line break":
                    f.Name = "River\nside";
                    break;
                case "an address with control characters":
                    f.Address = "4 Mill Lane\u0007\u001b[31m, Riverside RV1 2AB";
                    break;
                case "a 400-character address":
                    f.Address = new string('a', 400);
                    break;
                case "a bad phone":
                    f.Phone = "12345";
                    break;
                case "no phone":
                    f.Phone = "";
                    break;
                case "another site's name":
                    f.Name = "town centre";
                    break;
                case "an unknown bank-holiday region":
                    f.BankHolidayRegion = (BankHolidayRegion)42;
                    break;
                case "a receptionist as duty clinician":
                    f.DutyClinicianId = staff["Sophie Hale"];
                    break;
                case "a clinician of another site as duty clinician":
                    f.DutyClinicianId = staff["Tom Okafor"];
                    break;
            }
        });

        var result = await SaveAsync(app, admin, view, form);

        Assert.Equal(SiteSaveStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }

    [Fact]
    public async Task Several_bad_answers_are_each_named_at_once()
    {
        var admin = await AdminAsync(app);
        var view = await OpenAsync(app, admin, "Riverside");
        var before = await StateAsync(app, "Riverside");

        var result = await SaveAsync(app, admin, view, Edited(view, f =>
        {
            f.Name = "";
            f.Phone = "not a number";
            Day(f, DayOfWeek.Friday).Opens = new TimeOnly(20, 0);
        }));

        Assert.Equal([nameof(SiteForm.Name), nameof(SiteForm.Phone), "Hours.Friday"], result.Errors.Select(e => e.Field));
        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }

    [Fact]
    public async Task A_new_site_with_a_bad_answer_is_not_added()
    {
        var admin = await AdminAsync(app);
        var before = await StateAsync(app, "Riverside");
        var form = new SiteForm { Name = "Harbour", Address = "1 Quay Street\u0000", Phone = Phone };
        form.Hours.Single(h => h.Day == DayOfWeek.Monday).IsOpen = true;

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SiteAdministration>().CreateAsync(admin, form);

        Assert.Equal(SiteSaveStatus.Invalid, result.Status);
        Assert.Equal([nameof(SiteForm.Address), "Hours.Monday"], result.Errors.Select(e => e.Field));
        Assert.Equal(before, await StateAsync(app, "Riverside")); // the site count and the audit trail are in it
    }

    public static TheoryData<string, int, int?, string, string> BadClosures() => new()
    {
        // what is wrong, first day (days from today), last day, reason, field, message
        { "a range that ends before it starts", 10, 8, "Refurbishment", nameof(ClosureForm.LastDay) },
        { "a closure that is over", -10, -8, "Refurbishment", nameof(ClosureForm.LastDay) },
        { "more than a year", 1, 400, "Rebuilding", nameof(ClosureForm.LastDay) },
        { "no reason", 3, null, "  ", nameof(ClosureForm.Reason) },
        { "a reason too long", 3, null, new string('x', 101), nameof(ClosureForm.Reason) },
        { "a reason with a control character", 3, null, "Training\u0008day", nameof(ClosureForm.Reason) },
    };

    [Theory]
    [MemberData(nameof(BadClosures))]
    public async Task A_bad_closure_is_named_and_nothing_is_saved(string wrong, int first, int? last, string reason, string field)
    {
        var admin = await AdminAsync(app);
        var before = await StateAsync(app, "Riverside");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var result = await AddClosureAsync(app, admin, "Riverside", new ClosureForm
        {
            FirstDay = today.AddDays(first),
            LastDay = last is { } l ? today.AddDays(l) : null,
            Reason = reason,
        });

        Assert.True(result.Status == SiteSaveStatus.Invalid, wrong);
        Assert.Equal(field, Assert.Single(result.Errors).Field);
        if (wrong == "a range that ends before it starts")
        {
            Assert.Contains("before it starts", result.Errors[0].Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }

    [Fact]
    public async Task A_closure_overlapping_one_already_there_is_refused_naming_it_and_nothing_is_saved()
    {
        var admin = await AdminAsync(app);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.True((await AddClosureAsync(app, admin, "Riverside", new ClosureForm { FirstDay = today.AddDays(40), LastDay = today.AddDays(42), Reason = "Refurbishment" })).Succeeded);
        var before = await StateAsync(app, "Riverside");

        var result = await AddClosureAsync(app, admin, "Riverside", new ClosureForm { FirstDay = today.AddDays(42), LastDay = today.AddDays(44), Reason = "Training" });

        Assert.Equal(SiteSaveStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(ClosureForm.FirstDay), error.Field);
        Assert.Contains($"overlaps the closure already on {SiteRules.Days(today.AddDays(40), today.AddDays(42))}: Refurbishment", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_changes_nothing()
    {
        var reception = await LeadTestData.PrincipalAsync(app, LeadTestData.Reception);
        var admin = await AdminAsync(app);
        var view = await OpenAsync(app, admin, "Riverside");
        var before = await StateAsync(app, "Riverside");

        var result = await SaveAsync(app, reception, view, Edited(view, f => f.Name = "Reception's site"));
        var closure = await AddClosureAsync(app, reception, "Riverside", new ClosureForm { FirstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5), Reason = "Party" }, view.Form.Version);

        Assert.Equal(SiteSaveStatus.Forbidden, result.Status);
        Assert.Equal(SiteSaveStatus.Forbidden, closure.Status);
        Assert.Equal(before, await StateAsync(app, "Riverside"));
    }

    private async Task<Dictionary<string, int>> StaffIdsAsync()
    {
        await using var db = await DbAsync(app);
        return db.StaffMembers.ToDictionary(s => s.DisplayName, s => s.Id);
    }
}
