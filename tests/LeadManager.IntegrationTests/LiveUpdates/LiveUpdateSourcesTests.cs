using System.Collections.Concurrent;
using LeadManager.Data.Leads;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.IntegrationTests.Leads;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.LiveUpdates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.LiveUpdates;

/// <summary>Not only staff actions: a new request, its emails going out and the patient's own cancellation reach open pages too.</summary>
public sealed class LiveUpdateSourcesTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_new_request_its_sent_emails_and_the_patient_cancelling_are_all_published()
    {
        var heard = new ConcurrentQueue<LeadChange>();
        using var subscription = app.Services.GetRequiredService<ILeadChangeNotifier>().Subscribe(change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });

        var reference = await OutboxEmailTests.SubmitAsync(app, "live.sources@example.com");
        await Eventually.TrueAsync(() => heard.Any(c => c.Reference == reference && c.What == LeadEventKind.Created), "The change being published");
        await Eventually.TrueAsync(() => heard.Count(c => c.Reference == reference && c.What == LeadEventKind.EmailSent) == 2, "The change being published");

        await using var db = await LeadTestData.NewDbAsync(app);
        var leadId = await db.Leads.Where(l => l.Reference == reference).Select(l => l.Id).SingleAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PatientCancellation>().CancelAsync(leadId, reference, CancellationToken.None);

        await Eventually.TrueAsync(() => heard.Any(c => c.Reference == reference && c.What == LeadEventKind.CancelledByPatient), "The change being published");
        var cancelled = heard.Last(c => c.Reference == reference && c.What == LeadEventKind.CancelledByPatient);
        Assert.Equal(leadId, cancelled.LeadId);
        Assert.Equal(await db.Leads.Where(l => l.Id == leadId).Select(l => l.Version).SingleAsync(), cancelled.Version);
    }
}
