using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LeadManager.Data.Leads;
using LeadManager.Web.Database;
using LeadManager.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadManager.IntegrationTests.Leads.LeadTestData;

namespace LeadManager.IntegrationTests.Intake;

/// <summary>
/// Group commit: submissions that queue while the database is busy are written together, and
/// that must not change what each patient gets. Holding the write gate (as a lead action or a
/// previous batch would) makes everything queued meanwhile one batch.
/// </summary>
public sealed class IntakeWriterTests(TestApp app) : IClassFixture<TestApp>
{
    private IntakeWriter Writer => app.Services.GetRequiredService<IntakeWriter>();

    private static LeadSubmission Submission(string email, string phone, string lastName) => new()
    {
        ForWhom = "me", FirstName = "Batch", LastName = lastName, Email = email, Phone = phone, BodyArea = "knee",
        Concern = "Knee swells after running", ConsentContact = true, ConsentHealthData = true,
    };

    private async Task<(SubmissionAccepted? Accepted, IReadOnlyList<FieldError> Errors)> SubmitAsync(LeadSubmission input)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmitLeadRequest>().SubmitAsync(input, LeadChannel.Api, CancellationToken.None);
    }

    /// <summary>Starts the submissions while the database is busy, waits until all are queued, then lets them be written as one batch.</summary>
    private async Task<Task<T>[]> InOneBatchAsync<T>(params Func<Task<T>>[] submissions)
    {
        using (await app.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None))
        {
            // Started one after another, so they queue in this order.
            var started = submissions.Select(s => s()).ToArray();
            await Eventually.TrueAsync(() => Writer.Waiting == submissions.Length || started.Any(t => t.IsCompleted), $"{submissions.Length} submissions queued");
            Assert.Equal(submissions.Length, Writer.Waiting);
            return started;
        }
    }

    [Fact]
    public async Task Several_requests_from_one_person_in_one_batch_make_one_request_asked_again_and_each_sender_gets_the_confirmation()
    {
        var batchSizes = new ConcurrentBag<int>();
        using var listener = ListenToBatchSizes(batchSizes);

        var results = await Task.WhenAll(await InOneBatchAsync(
            Enumerable.Range(1, 5)
                .Select(i => (Func<Task<(SubmissionAccepted? Accepted, IReadOnlyList<FieldError> Errors)>>)(() =>
                    SubmitAsync(Submission("same.person@example.com", "07911 233451", $"Try {i}"))))
                .ToArray()));

        Assert.All(results, r => Assert.Empty(r.Errors));
        Assert.Single(results, r => !r.Accepted!.AskedAgain);
        Assert.Equal(4, results.Count(r => r.Accepted!.AskedAgain));
        // The same email each time, so each sender may see the one reference.
        Assert.Single(results.Select(r => r.Accepted!.Reference).Distinct());
        await using var db = await NewDbAsync(app);
        var lead = await db.Leads.Include(l => l.Events).SingleAsync(l => l.Email == "same.person@example.com");
        Assert.Equal(4, lead.Events.Count(e => e.Kind == LeadEventKind.AskedAgain));
        Assert.Equal(5, await db.OutboundEmails.CountAsync(e => e.LeadId == lead.Id && e.Recipient == "same.person@example.com"));
        // Operators see it too: one transaction wrote all five.
        Assert.Contains(5, batchSizes);
    }

    /// <summary>The app's own batch-size measurements (the meter is per app, and other test apps run alongside).</summary>
    private MeterListener ListenToBatchSizes(ConcurrentBag<int> sizes)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == IntakeMetrics.BatchSizeInstrument && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => sizes.Add(value));
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task A_request_that_cannot_be_stored_fails_alone_and_the_others_in_its_batch_are_stored()
    {
        var clash = "LM-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Func<Task<string>> Lead(string reference, string email, string phone) => () => Writer.WriteAsync<string>(
            new IntakeContact(email, phone),
            batch =>
            {
                var lead = Data.Leads.Lead.Create(reference, LeadChannel.Api, TriageLevel.Routine, Actor.Patient, batch.Now);
                lead.FirstName = "Batch";
                lead.LastName = "Isolation";
                lead.Email = email;
                lead.Phone = phone;
                batch.AddNew(lead);
                return () => lead.Reference;
            });

        // The second takes the first's reference: the batch's commit fails on the unique index.
        var first = Lead(clash, "first.in.batch@example.com", "+447911555101");
        var clashing = Lead(clash, "clashing.in.batch@example.com", "+447911555102");
        var third = Lead("LM-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), "third.in.batch@example.com", "+447911555103");
        var written = await InOneBatchAsync(first, clashing, third);

        Assert.Equal(clash, await written[0]);
        await Assert.ThrowsAsync<DbUpdateException>(() => written[1]);
        await written[2];
        await using var db = await NewDbAsync(app);
        Assert.True(await db.Leads.AnyAsync(l => l.Email == "first.in.batch@example.com"));
        Assert.True(await db.Leads.AnyAsync(l => l.Email == "third.in.batch@example.com"));
        Assert.False(await db.Leads.AnyAsync(l => l.Email == "clashing.in.batch@example.com"));
    }
}
