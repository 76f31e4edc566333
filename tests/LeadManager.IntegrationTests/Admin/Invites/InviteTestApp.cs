using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using LeadManager.Data;
using LeadManager.Data.Audit;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.Leads;
using LeadManager.IntegrationTests.Operations;
using LeadManager.Web.Features.Admin.Staff.Invites;
using LeadManager.Web.Features.FollowUp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LeadManager.IntegrationTests.Admin.Invites;

/// <summary>
/// The real app with the demo staff, a fake clock (so a link can be made to expire), a real SMTP
/// server on 127.0.0.1, no job server (a test sends the account emails it means to, as the send
/// job does), production's log levels, and every log line kept, so a test can say no token
/// reached a log. One per test class; the clock only goes forward.
/// </summary>
public sealed partial class InviteTestApp : TestApp
{
    public const string Admin = "admin@clinic.test";
    public const string Reception = "reception@clinic.test";
    public const string NewPassword = "a long new password 1";

    public InviteTestApp()
        : this(new FakeTimeProvider(DateTimeOffset.UtcNow), new SmtpTestServer(), new LogLines())
    {
    }

    private InviteTestApp(FakeTimeProvider clock, SmtpTestServer smtp, LogLines logs)
        : base("Testing", Settings(smtp), services: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services.AddSingleton<ILoggerProvider>(logs);
        })
    {
        Clock = clock;
        Smtp = smtp;
        Logs = logs;
    }

    public FakeTimeProvider Clock { get; }

    public SmtpTestServer Smtp { get; }

    public LogLines Logs { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static string NewEmail(string who = "new.starter") => $"{who}.{Guid.NewGuid():N}@clinic.test";

    public Task<ClaimsPrincipal> AsAsync(string email) => LeadTestData.PrincipalAsync(this, email);

    public Task<LeadDbContext> DbAsync() => LeadTestData.NewDbAsync(this);

    /// <summary>An admin's call to one of the invite handlers, in a scope of its own as a page's would be.</summary>
    public async Task<StaffInviteResult> InvitesAsync(Func<StaffInvites, ClaimsPrincipal, Task<StaffInviteResult>> act, string by = Admin)
    {
        var who = await AsAsync(by);
        await using var scope = Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<StaffInvites>(), who);
    }

    /// <summary>Invites someone as a clinician at the first site; it must succeed.</summary>
    public async Task<int> InviteAsync(string email, string name = "Nia Newstart", string role = StaffRoles.Clinician)
    {
        int siteId;
        await using (var db = await DbAsync())
        {
            siteId = await db.Sites.Where(s => s.IsActive).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
        }

        var result = await InvitesAsync((invites, admin) => invites.InviteAsync(
            new InviteInput { Email = email, DisplayName = name, Role = role, SiteIds = [siteId] }, admin, CancellationToken.None));
        Assert.True(result.Succeeded, result.Message + " " + string.Join("; ", result.FieldErrors.Values));
        return result.StaffMemberId!.Value;
    }

    /// <summary>Sends this staff member's due account emails as the send job does, and returns the messages that arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> SendAccountEmailsAsync(int staffMemberId)
    {
        long[] due;
        await using (var db = await DbAsync())
        {
            due = await db.OutboundEmails.AsNoTracking()
                .Where(e => e.StaffMemberId == staffMemberId && (e.Kind == OutboundEmailKinds.StaffInvite || e.Kind == OutboundEmailKinds.StaffPasswordReset))
                .Where(e => (e.Status == OutboundEmailStatus.Pending || e.Status == OutboundEmailStatus.Retrying) && e.NextAttemptAt <= Now)
                .Select(e => e.Id)
                .ToArrayAsync();
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendEmailJob>().RunManyAsync(due, CancellationToken.None);
        }

        var messages = new List<MimeMessage>();
        await using (var db = await DbAsync())
        {
            var sent = await db.OutboundEmails.AsNoTracking().Where(e => due.Contains(e.Id)).ToListAsync();
            foreach (var row in sent)
            {
                Assert.True(row.Status == OutboundEmailStatus.Sent, $"Email {row.Id} ({row.Kind}) is {row.Status}: {row.LastError}");
                messages.Add(await Smtp.WaitForMessageAsync(m => m.MessageId == row.SmtpMessageId));
            }
        }

        return messages;
    }

    /// <summary>The one account email this sends now, and the link in it.</summary>
    public async Task<(MimeMessage Message, string Link)> SendOneAsync(int staffMemberId)
    {
        var message = Assert.Single(await SendAccountEmailsAsync(staffMemberId));
        return (message, LinkIn(message));
    }

    public static string LinkIn(MimeMessage message) =>
        AccountLink().Match(message.TextBody ?? "") is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No account link in the email: {message.TextBody}");

    public static string Query(string link, string name) =>
        Uri.UnescapeDataString(Regex.Match(new Uri(link).Query, $"[?&]{name}=([^&]*)").Groups[1].Value);

    /// <summary>Opens the link's page, as a person clicking it in their email.</summary>
    public async Task<string> OpenAsync(HttpClient client, string link)
    {
        var response = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the link page's form (the token in its hidden field, as the page sends it) to the page's bare address.</summary>
    public static async Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient client, string link, string password, string? confirm = null, string? token = null, string? userId = null)
    {
        var uri = new Uri(link);
        var path = uri.AbsolutePath;
        // The form's own antiforgery token; a page that shows no form (the link no longer works) has
        // none, and any of the app's forms gives one that is as good (it is bound to the browser, not the form).
        var page = await client.GetStringAsync(uri.PathAndQuery);
        var antiforgery = StaffSignIn.AntiforgeryToken(page.Contains("__RequestVerificationToken", StringComparison.Ordinal) ? page : await client.GetStringAsync("/Account/Login"));
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["_handler"] = path.EndsWith("AcceptInvite", StringComparison.Ordinal) ? "accept-invite" : "reset-password",
            ["Input.UserId"] = userId ?? Query(link, "user"),
            ["Input.Token"] = token ?? Query(link, "token"),
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        }));
    }

    public static bool SaysTheLinkNoLongerWorks(string html) =>
        html.Contains("data-testid=\"link-not-valid\"", StringComparison.Ordinal)
        && html.Contains("This link has expired or has already been used. Ask the clinic manager to send a new one.", StringComparison.Ordinal);

    public async Task<(string? PasswordHash, string SecurityStamp, StaffMember Member)> AccountAsync(int staffMemberId)
    {
        await using var db = await DbAsync();
        var member = await db.StaffMembers.AsNoTracking().Include(s => s.Sites).SingleAsync(s => s.Id == staffMemberId);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId);
        return (user.PasswordHash, user.SecurityStamp!, member);
    }

    public async Task<List<AuditEntry>> AuditAsync(int staffMemberId)
    {
        await using var db = await DbAsync();
        var id = staffMemberId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == id).OrderBy(a => a.Id).ToListAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Dictionary<string, string?> Settings(SmtpTestServer smtp) => new()
    {
        ["App:PublicUrl"] = "http://localhost",
        ["FollowUp:ProcessJobs"] = "false",
        ["Email:Delivery"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        // Production's levels (appsettings.json), not the tests' quieter ones: what an operator's log would hold.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Warning",
    };

    [GeneratedRegex(@"http://localhost/Account/(AcceptInvite|ResetPassword)\?user=[^\s]+")]
    private static partial Regex AccountLink();
}
