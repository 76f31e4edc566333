using Bunit;
using LeadManager.Data.Leads;
using LeadManager.Web.Features.MyCalls;
using MudBlazor.Services;

namespace LeadManager.Tests.MyCalls;

/// <summary>What a clinician sees on a call in their list, rendered with bUnit and the real MudBlazor components.</summary>
public sealed class CallSectionTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static MyCall Call(string reference, bool emailBounced) => new(
        LeadId: 1, Reference: reference, PatientName: "Robin Test", Phone: "+447911123456", Triage: TriageLevel.Routine, NeedsClinicalReview: false,
        Status: LeadStatus.Assigned, BodyArea: BodyArea.Knee, SiteName: "Riverside", PreferredTimes: PreferredCallTimes.Mornings, UnansweredAttempts: 0,
        ScheduledCallAtClinicTime: null, AssignedAtClinicTime: null, Overdue: false, EmailBounced: emailBounced);

    [Fact]
    public void A_call_whose_patient_email_bounced_says_phone_them_in_words()
    {
        var section = _context.Render<CallSection>(p => p
            .Add(c => c.Title, "To arrange")
            .Add(c => c.TestId, "to-arrange")
            .Add(c => c.Calls, [Call("DC-BOUNCE", emailBounced: true), Call("DC-FINE01", emailBounced: false)]));

        var cards = section.FindAll("[data-testid=call-card]");
        Assert.Equal("Email bounced — phone them", cards[0].QuerySelector("[data-testid=call-email-bounced]")!.TextContent.Trim());
        Assert.Null(cards[1].QuerySelector("[data-testid=call-email-bounced]"));
        Assert.NotNull(cards[0].QuerySelector("a[href='tel:+447911123456']"));
    }
}
