using System.Net;
using System.Net.Http.Json;
using LeadManager.Data;
using LeadManager.Data.Outbox;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.Web.Features.FollowUp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Database;

/// <summary>
/// Production runs SQL Server with retries on failure (EnableRetryOnFailure), whose execution
/// strategy refuses any transaction begun outside it ("does not support user-initiated
/// transactions"). SQL Server cannot run here, so the same strategy rule is put on the real
/// SQLite file: a retrying strategy, and every write path that opens its own transaction (intake's
/// group commit, the step job, the send job's finish, the daily digests) must still work.
/// </summary>
public sealed class RetryingExecutionStrategyTests(RetryingExecutionStrategyTests.RetryingApp app) : IClassFixture<RetryingExecutionStrategyTests.RetryingApp>
{
    public sealed class RetryingApp() : ClockedWorkflowApp(
        new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), // Monday 09:00 in London
        services: services => services.ConfigureDbContext<LeadDbContext>(options =>
            options.UseSqlite(sqlite => sqlite.ExecutionStrategy(dependencies => new RetryingSqliteStrategy(dependencies)))));

    /// <summary>Retries when the file is busy, as SQL Server's strategy retries transient errors; what matters is that it retries at all.</summary>
    private sealed class RetryingSqliteStrategy(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.FromMilliseconds(50))
    {
        protected override bool ShouldRetryOn(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };
    }

    [Fact]
    public async Task The_strategy_really_refuses_a_transaction_begun_outside_it()
    {
        await using var db = await NewDbAsync(app);
        await using var transaction = await db.Database.BeginTransactionAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Leads.CountAsync());
        Assert.Contains("user-initiated transactions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_is_taken_its_emails_sent_its_escalation_run_and_the_digests_planned_under_a_retrying_strategy()
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestApp.ApiKey);
        var response = await client.PostAsJsonAsync("/api/leads", new
        {
            forWhom = "me",
            firstName = "Retry",
            lastName = "Strategy",
            email = $"retry-{Guid.NewGuid():N}@example.com",
            phone = "+44 7911 260001",
            site = "Riverside",
            bodyArea = "shoulder",
            concern = "Shoulder stiff for weeks.",
            duration = "weeks",
            previousCare = new[] { "gp" },
            preferredTimes = new[] { "mornings" },
            funding = new { type = "self-pay" },
            screened = true,
            redFlags = Array.Empty<string>(),
            consents = new { contact = true, healthData = true, marketing = false, privacyNoticeVersion = "2026-10" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var reference = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reference").GetString()!;
        int leadId;
        await using (var db = await NewDbAsync(app))
        {
            leadId = await db.Leads.Where(l => l.Reference == reference).Select(l => l.Id).SingleAsync();
        }

        // The confirmation and reception emails: the send job finishes each in its own transaction.
        await app.ProcessAsync(leadId);
        Assert.Single(await app.SentAsync(leadId, OutboundEmailKinds.PatientConfirmation));

        // Nobody assigns it: reception's escalation runs in the step job's transaction.
        app.MoveTo(app.Now.AddHours(4));
        await app.ProcessAsync(leadId);
        Assert.Single(await app.StepsAsync(leadId, FollowUpKinds.AssignOverdue, FollowUpStatus.Done));

        await using (var db = await NewDbAsync(app))
        {
            var planned = await app.Services.GetRequiredService<DailyDigests>().PlanAsync(db, app.Now, CancellationToken.None);
            Assert.True(planned > 0);
        }
    }

    [Fact]
    public async Task An_admin_invites_a_clinician_and_resends_the_invite_under_a_retrying_strategy()
    {
        var admin = await PrincipalAsync(app, Leads.LeadTestData.Admin);
        await using var scope = app.Services.CreateAsyncScope();
        var invites = scope.ServiceProvider.GetRequiredService<Web.Features.Admin.Staff.Invites.StaffInvites>();

        var invited = await invites.InviteAsync(new Web.Features.Admin.Staff.Invites.InviteInput
        {
            Email = $"retry-invite-{Guid.NewGuid():N}@clinic.test",
            DisplayName = "Retry Invitee",
        }, admin, CancellationToken.None);
        Assert.True(invited.Succeeded, invited.Message);
        var resent = await invites.ResendAsync(invited.StaffMemberId!.Value, admin, CancellationToken.None);
        Assert.True(resent.Succeeded, resent.Message);
    }
}
