using LeadManager.Data;
using LeadManager.Data.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.EndToEndTests;

/// <summary>Requests made straight through the lifecycle for a browser test to work on.</summary>
public static class TestRequests
{
    public static async Task<string> CreateAsync(
        TestApp app,
        string lastName,
        TriageLevel triage = TriageLevel.Routine,
        BodyArea bodyArea = BodyArea.Knee,
        string concern = "Knee hurts on stairs",
        Func<Lead, LeadDbContext, Task>? arrange = null)
    {
        await using var db = await NewDbAsync(app);
        var now = DateTime.UtcNow;
        var lead = Lead.Create(LeadReference.New(), LeadChannel.Form, triage, Actor.Patient, now.AddHours(-2));
        lead.FirstName = "Robin";
        lead.LastName = lastName;
        lead.Email = $"robin.{Guid.NewGuid():N}@example.com";
        lead.Phone = "+447911" + Random.Shared.Next(100000, 299999);
        lead.BodyArea = bodyArea;
        lead.Concern = concern;
        lead.RedFlags = triage == TriageLevel.ReviewFirst ? RedFlags.NewNumbnessOrPinsAndNeedles : RedFlags.None;
        lead.ContactConsentAt = now;
        lead.HealthDataConsentAt = now;
        lead.PrivacyNoticeVersion = "2026-11";
        if (arrange is not null)
        {
            await arrange(lead, db);
        }

        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Reference;
    }

    public static Task<LeadDbContext> NewDbAsync(TestApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
}
