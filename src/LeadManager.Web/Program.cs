using System.Globalization;
using LeadManager.Web.Audit;
using LeadManager.Web.Auth;
using LeadManager.Web.Components;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Email;
using LeadManager.Web.Features.Admin;
using LeadManager.Web.Features.Admin.Audit;
using LeadManager.Web.Features.Board;
using LeadManager.Web.Features.Demo;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.Features.MyCalls;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Operations;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Sites;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

// The clinic is in the UK: dates, numbers and currency read the British way whatever the server's locale.
var clinicCulture = CultureInfo.GetCultureInfo("en-GB");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = clinicCulture;

services.AddClinic(configuration);
services.AddLeadDatabase(configuration, builder.Environment); // before any other hosted service: they start in this order
services.AddEmail(configuration);
services.AddStaffAuth(configuration);
services.AddSignInThrottling(configuration); // SignIn:*: sign-in posts per address and per account
services.AddRazorComponents().AddInteractiveServerComponents();
// Framing is decided in one place (Operations/SecurityHeaders.cs), so the embed can be framed.
services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
services.AddSecurityHeaders(); // the Content Security Policy and framing rules per kind of page
services.AddMudServices();
services.AddOpenApi();
services.AddOperations(); // /health and the workflow watchdog

services.AddIntake(configuration);
services.AddDemo(configuration);
services.AddFollowUp(configuration);
services.AddLiveUpdates(configuration);
services.AddScheduling(configuration);
services.AddSites();
services.AddAudit(); // the one audit trail of admin changes
services.AddLeads();
services.AddBoard();
services.AddMyCalls();
services.AddAdmin();

var app = builder.Build();

// First, so everything after sees the real client and scheme; only from App:KnownProxies.
app.UseForwardedHeadersFromKnownProxies();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseRequestLocalization(options =>
{
    options.SetDefaultCulture(clinicCulture.Name);
    options.AddSupportedCultures(clinicCulture.Name);
    options.AddSupportedUICultures(clinicCulture.Name);
});
app.UseSecurityHeaders(); // NetEscapades: the policy AddSecurityHeaders chose for this kind of page, set as the response starts
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseIntakeBodyLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseMustChangePassword(); // the bootstrap admin chooses their own password before any staff page
app.UseRateLimiter();
app.UseSignInAccountLimit();
app.UseAntiforgery();
app.UseIntakeFormPosts();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapLeadExport();
app.MapAuditExport();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapFollowUpDashboard();

var api = app.MapGroup("/api").RequireAuthorization(ApiKeyAuthenticationHandler.PolicyName);
api.MapLeadStatusApi();
api.MapIntakeApi();
api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such API endpoint."));

app.Run();

/// <summary>Entry point; public so the test projects can host the real app.</summary>
public partial class Program;
