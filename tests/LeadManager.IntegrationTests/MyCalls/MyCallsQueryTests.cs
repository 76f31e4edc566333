using System.Security.Claims;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.MyCalls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.MyCalls;

/// <summary>The clinician's list: their own open calls in working order, plus unreviewed red flags, and nothing else.</summary>
public sealed class MyCallsQueryTests(MyCallsQueryTests.MiddayApp app) : IClassFixture<MyCallsQueryTests.MiddayApp>
{
    /// <summary>The app with its clock stopped at midday in London, so "earlier today" and "later today" are always both today.</summary>
    public sealed class MiddayApp() : TestApp("Testing", null, services: services => services.Replace(
        ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)))));

    [Fact]
    public async Task A_clinician_sees_their_calls_in_working_order_and_the_review_queue_but_not_a_colleague_s_calls()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = new DateTime(2026, 11, 25);
        DateTime Clinic(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(local, london);
        var earlierToday = Clinic(today.AddHours(9));
        var laterToday = Clinic(today.AddHours(15));
        var yesterday = Clinic(today.AddDays(-1).AddHours(10));
        var nextWeek = Clinic(today.AddDays(7).AddHours(10));

        Action<Lead, Data.LeadDbContext> AssignedTo(string email, DateTime? callAt = null) => (lead, db) =>
        {
            lead.Assign(Staff(db, email), Actor.System, today.AddDays(-2));
            if (callAt is { } at)
            {
                lead.Schedule(at, Actor.System, at.AddHours(-1));
            }
        };

        var late = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianA, laterToday), lastName: "Late");
        var early = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianA, earlierToday), lastName: "Early");
        var unscheduled = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianA), lastName: "Unscheduled");
        var missed = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianA, yesterday), lastName: "Missed");
        var coming = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianA, nextWeek), lastName: "Coming");
        var flaggedNobodys = await CreateLeadAsync(app, TriageLevel.ReviewFirst, lastName: "Flagged");
        var colleagues = await CreateLeadAsync(app, arrange: AssignedTo(ClinicianB, laterToday), lastName: "Colleagues");
        var closed = await CreateLeadAsync(app, arrange: (l, db) => { AssignedTo(ClinicianA)(l, db); l.MarkSpam(Actor.System, DateTime.UtcNow); }, lastName: "Closed");

        var view = await LoadAsync(await PrincipalAsync(app, ClinicianA));

        Assert.Equal([early.Reference, late.Reference], view.Today.Select(c => c.Reference).Where(Ours(early, late)));
        Assert.True(view.Today.Single(c => c.Reference == early.Reference).Overdue);
        Assert.False(view.Today.Single(c => c.Reference == late.Reference).Overdue);
        Assert.Contains(view.ToArrange, c => c.Reference == unscheduled.Reference && c.Overdue);
        Assert.Contains(view.OverdueFromEarlier, c => c.Reference == missed.Reference);
        Assert.Contains(view.ComingDays, c => c.Reference == coming.Reference);
        Assert.Contains(view.NeedsReview, c => c.Reference == flaggedNobodys.Reference);
        var all = view.NeedsReview.Concat(view.Today).Concat(view.ToArrange).Concat(view.OverdueFromEarlier).Concat(view.ComingDays).Select(c => c.Reference).ToList();
        Assert.DoesNotContain(colleagues.Reference, all);
        Assert.DoesNotContain(closed.Reference, all);

        var colleagueView = await LoadAsync(await PrincipalAsync(app, ClinicianB));
        Assert.Contains(colleagueView.Today, c => c.Reference == colleagues.Reference);
        Assert.Contains(colleagueView.NeedsReview, c => c.Reference == flaggedNobodys.Reference);
        Assert.DoesNotContain(colleagueView.Today, c => c.Reference == early.Reference);

        Assert.Null(await LoadAsync(await PrincipalAsync(app, Reception), allowNull: true));
    }

    private static Func<string, bool> Ours(params Created[] leads) => reference => leads.Any(l => l.Reference == reference);

    private async Task<MyCallsView> LoadAsync(ClaimsPrincipal user, bool allowNull = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<MyCallsQuery>().LoadAsync(user);
        return allowNull ? view! : view ?? throw new InvalidOperationException("No view.");
    }
}
