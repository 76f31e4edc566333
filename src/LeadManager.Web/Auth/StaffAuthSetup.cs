using LeadManager.Data;
using LeadManager.Data.Staff;
using LeadManager.Web.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace LeadManager.Web.Auth;

internal static class StaffAuthSetup
{
    /// <summary>Staff sign-in (Identity cookies, roles, no self-registration) and the intake API's key scheme.</summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services, IConfiguration configuration)
    {
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
            // Identity's own events (the security stamp check) are kept: this adds to them.
            cookie.Events.OnSignedIn = StaffSignIns.RecordAsync;
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
                // Reset links use the staff token provider (its own lifetime, the app's clock).
                options.Tokens.PasswordResetTokenProvider = StaffLinkTokens.PasswordReset;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LeadDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<StaffInviteTokenProvider>(StaffLinkTokens.Invite)
            .AddTokenProvider<StaffPasswordResetTokenProvider>(StaffLinkTokens.PasswordReset)
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.AddStaffAccountLinks(configuration);

        services.AddAuthorizationBuilder()
            // Everything needs a signed-in staff member unless it opts out with [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.All)
                .Build())
            .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddScoped<CurrentStaff>();
        return services;
    }

    /// <summary>The emailed account links: their options, token providers' lifetimes, links, emails and the pages' handler.</summary>
    private static void AddStaffAccountLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StaffAccountOptions, StaffAccountOptionsValidator>(configuration, StaffAccountOptions.Section);
        services.AddOptions<StaffInviteTokenProviderOptions>().Configure<Microsoft.Extensions.Options.IOptions<StaffAccountOptions>>((tokens, staff) =>
        {
            tokens.Name = StaffLinkTokens.Invite;
            tokens.TokenLifespan = staff.Value.InviteLinkLifetime;
        });
        services.AddOptions<StaffPasswordResetTokenProviderOptions>().Configure<Microsoft.Extensions.Options.IOptions<StaffAccountOptions>>((tokens, staff) =>
        {
            tokens.Name = StaffLinkTokens.PasswordReset;
            tokens.TokenLifespan = staff.Value.PasswordResetLinkLifetime;
        });
        services.AddSingleton<StaffAccountLinks>();
        services.AddScoped<StaffAccountEmails>();
        services.AddScoped<StaffPasswords>();
    }
}
