using System.Globalization;
using LeadManager.Data;
using LeadManager.Data.Staff;
using LeadManager.Web.Auth;
using LeadManager.Web.Components;
using LeadManager.Web.Configuration;
using LeadManager.Web.Database;
using LeadManager.Web.Email;
using LeadManager.Web.Features.Demo;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Intake;
using LeadManager.Web.Features.Leads;
using LeadManager.Web.LiveUpdates;
using LeadManager.Web.Operations;
using LeadManager.Web.Scheduling;
using LeadManager.Web.Sites;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

// The clinic is in the UK: dates, numbers and currency read the British way whatever the server's locale.
var clinicCulture = CultureInfo.GetCultureInfo("en-GB");
CultureInfo.DefaultThreadCurrentCulture = clinicCulture;
CultureInfo.DefaultThreadCurrentUICulture = clinicCulture;

services.AddValidatedOptions<ClinicOptions, ClinicOptionsValidator>(configuration, ClinicOptions.Section);
services.AddValidatedOptions<AppOptions, AppOptionsValidator>(configuration, AppOptions.Section);
services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.Section);
services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(configuration, EmailOptions.Section);
services.AddValidatedOptions<IntakeOptions, IntakeOptionsValidator>(configuration, IntakeOptions.Section);
services.AddValidatedOptions<DemoOptions, DemoOptionsValidator>(configuration, DemoOptions.Section);
services.AddValidatedOptions<BootstrapOptions, BootstrapOptionsValidator>(configuration, BootstrapOptions.Section);

services.AddSingleton(TimeProvider.System);
services.AddSingleton<ClinicClock>();
services.AddLeadDatabase(configuration, builder.Environment);
services.AddHostedService<DatabaseInitialiser>();
services.AddScoped<DemoSeeder>();
services.AddSingleton<EmailSender>();
services.AddSingleton<EmailTemplates>();

// Cookies and the patient's signed links must survive a restart and work on every server.
services.AddDataProtection()
    .SetApplicationName("LeadManager")
    .PersistKeysToDbContext<LeadDbContext>();

// Staff sign-in: Identity cookies, roles, no self-registration.
services.AddCascadingAuthenticationState();
services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/Account/Login";
    cookie.LogoutPath = "/Account/Logout";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.Cookie.Name = "LeadManager.Staff";
    cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
    cookie.SlidingExpiration = true;
});
services.AddIdentityCore<IdentityUser>(options =>
    {
        options.Stores.SchemaVersion = LeadDbContext.IdentitySchemaVersion;
        options.SignIn.RequireConfirmedAccount = false;
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = StaffPasswordRules.MinimumLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<LeadDbContext>()
    .AddSignInManager()
    .AddDefaultTokenProviders();

services.AddAuthorizationBuilder()
    // Everything needs a signed-in staff member unless it opts out with [AllowAnonymous].
    .SetFallbackPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
        .RequireAuthenticatedUser()
        .RequireRole(StaffRoles.All)
        .Build())
    .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, policy => policy
        .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser());

services.AddRazorComponents().AddInteractiveServerComponents();
// Framing is decided in one place (Operations/SecurityHeaders.cs), so the embed can be framed.
services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
services.AddMudServices();
services.AddOpenApi();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
services.AddScoped<LeadStatusQuery>();
services.AddSingleton<IntakeValidator>();
services.AddSingleton<IntakeTickets>();
services.AddSingleton<ActiveSites>();
services.AddSingleton<WriteGate>();
services.AddSingleton<IntakeMetrics>();
services.AddSingleton<IntakeWriter>();
services.AddScoped<SubmitLeadRequest>();
services.AddScoped<RequestFormHandler>();
services.AddScoped<ExpectedCallTime>();
services.AddIntakeRateLimits();
services.AddFollowUp(configuration);
services.AddLiveUpdates(configuration);
services.AddScoped<CurrentStaff>();
services.AddScoped<LeadActions>();
services.AddScoped<LeadDetailsQuery>();
services.AddScoped<AssignableClinicians>();
services.AddValidatedOptions<WorkflowOptions, WorkflowOptionsValidator>(configuration, WorkflowOptions.Section);
services.AddSingleton<WorkflowTargets>();
services.AddScoped<LeadListQuery>();
services.AddScoped<EnterPhoneLead>();
services.AddScoped<FreeCallSlotsQuery>();
services.AddScoped<LeadManager.Web.Features.MyCalls.MyCallsQuery>();
services.AddScoped<LeadManager.Web.Features.Board.BoardQuery>();
services.AddScoped<LeadManager.Web.Features.Board.BoardTargets>();
services.AddSingleton<LeadManager.Web.Features.Board.BoardMetrics>();
services.AddSingleton<LeadManager.Web.Features.Board.BoardSuggestions>();
services.AddScoped<LeadManager.Web.Features.Admin.EmailsNeedingAttention>();

var app = builder.Build();

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
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseIntakeBodyLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseIntakeFormPosts();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapLeadExport();
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
