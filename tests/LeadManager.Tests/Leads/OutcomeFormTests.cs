using Bunit;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.Sqlite;
using LeadManager.Tests.TestSupport;
using LeadManager.Web.Auth;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.Leads.ActionForms;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LeadManager.Tests.Leads;

/// <summary>
/// The outcome form's "Send the patient an email" tick, rendered with bUnit and the real
/// MudBlazor checkbox: shown only when there is an address, starting as the options and the
/// request say, and changed by a click. The form reads the sites from a real SQLite file.
/// </summary>
public sealed class OutcomeFormTests : IAsyncLifetime
{
    private static readonly StaffIdentity Priya = new("user-4", 4, "Priya Shah", IsFrontDesk: false, IsClinician: true);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "leadmanager-tests", Guid.NewGuid().ToString("N"));
    private readonly BunitContext _context = new();

    private string DatabasePath => Path.Combine(_directory, "outcome-form.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _context.Services.AddMudServices();
        _context.Services.AddDbContextFactory<LeadDbContext>(options => options.UseLeadManagerSqlite($"Data Source={DatabasePath}"));
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton<ClinicSetupChanges>();
        _context.Services.AddSingleton<ActiveSites>();
        // Nothing is submitted here: what the handler does with the tick is the integration tests' (OutcomeEmailTests).
        _context.Services.AddSingleton(new LeadActions(null!, null!, null!, null!, null!, null!, null!, null!, null!));
        _context.Services.AddOptions<WorkflowOptions>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        await using var db = await _context.Services.GetRequiredService<IDbContextFactory<LeadDbContext>>().CreateDbContextAsync();
        await db.MigrateSqliteAsync();
        _context.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static LeadView View(CallFor callFor = CallFor.Self, string email = "robin@example.com")
    {
        var lead = LeadBuilder.InStatus(LeadStatus.Assigned).Build();
        lead.CallFor = callFor;
        lead.Email = email;
        return new LeadView(lead, null, null, [], Priya, new HashSet<LeadAction> { LeadAction.RecordOutcome },
            [CloseReason.BookedAssessment, CloseReason.NotSuitable, CloseReason.ReferredElsewhere, CloseReason.NotInterested, CloseReason.NoResponse], []);
    }

    private IRenderedComponent<OutcomeForm> Form(CloseReason outcome, LeadView view)
    {
        var form = _context.Render<OutcomeForm>(p => p.Add(c => c.View, view).Add(c => c.Outcome, outcome));
        form.WaitForAssertion(() => Assert.True(form.Instance.Loaded));
        return form;
    }

    private static bool Ticked(IRenderedComponent<OutcomeForm> form) =>
        form.Find("input[type=checkbox][data-testid=outcome-email-patient]").HasAttribute("checked");

    [Theory]
    [InlineData(CloseReason.BookedAssessment, true)]
    [InlineData(CloseReason.NotSuitable, true)]
    [InlineData(CloseReason.ReferredElsewhere, true)]
    [InlineData(CloseReason.NotInterested, false)]
    [InlineData(CloseReason.NoResponse, true)]
    public void The_tick_starts_as_the_options_say_for_each_outcome(CloseReason outcome, bool ticked)
    {
        var form = Form(outcome, View());

        Assert.Contains("Send the patient an email", form.Find("label:has(input[data-testid=outcome-email-patient])").TextContent);
        Assert.Equal(ticked, Ticked(form));
    }

    [Theory]
    [InlineData(CloseReason.NotSuitable)]
    [InlineData(CloseReason.ReferredElsewhere)]
    public void For_a_request_made_by_someone_else_not_suitable_and_referred_start_unticked_and_say_why(CloseReason outcome)
    {
        var form = Form(outcome, View(CallFor.SomeoneElse));

        Assert.False(Ticked(form));
        Assert.Contains("Someone else asked for this call", form.Markup);
    }

    [Fact]
    public void For_a_request_made_by_someone_else_a_booking_still_starts_ticked()
    {
        var form = Form(CloseReason.BookedAssessment, View(CallFor.SomeoneElse));

        Assert.True(Ticked(form));
        Assert.DoesNotContain("Someone else asked for this call", form.Markup);
    }

    [Fact]
    public void A_request_without_an_email_address_offers_no_tick_and_says_so()
    {
        var form = Form(CloseReason.BookedAssessment, View(email: ""));

        Assert.Empty(form.FindAll("[data-testid=outcome-email-patient]"));
        Assert.Contains("no email address", form.Find("[data-testid=outcome-no-email]").TextContent);
    }

    [Fact]
    public void Clicking_the_tick_changes_it()
    {
        var form = Form(CloseReason.BookedAssessment, View());

        form.Find("input[type=checkbox][data-testid=outcome-email-patient]").Change(false);

        Assert.False(Ticked(form));
    }
}
