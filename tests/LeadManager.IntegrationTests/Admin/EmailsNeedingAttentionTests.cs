using System.Net;
using System.Security.Claims;
using LeadManager.Data.Outbox;
using LeadManager.Data.Staff;
using LeadManager.IntegrationTests.FollowUp;
using LeadManager.Web.Features.FollowUp;
using LeadManager.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.IntegrationTests.Admin;

public sealed class EmailsNeedingAttentionTests : IAsyncLifetime
{
    private readonly SmtpTestServer _smtp = new(acceptsRecipient: address => !address.StartsWith("refused", StringComparison.Ordinal));
    private TestApp _app = null!;

    public Task InitializeAsync()
    {
        _app = OutboxEmailTests.SmtpApp(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static ClaimsPrincipal Person(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@clinic.test"), new Claim(ClaimTypes.Role, role)], "test"));

    [Fact]
    public async Task A_refused_email_is_listed_for_the_admin_and_sent_again_on_request()
    {
        var reference = await OutboxEmailTests.SubmitAsync(_app, "refused.first@example.com");
        var failed = await OutboxEmailTests.WaitForAsync(_app, async db => await db.OutboundEmails.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Lead!.Reference == reference && e.Status == OutboundEmailStatus.Failed));
        await using var scope = _app.Services.CreateAsyncScope();
        var emails = scope.ServiceProvider.GetRequiredService<EmailsNeedingAttention>();

        var listed = await emails.ListAsync(Person(StaffRoles.Admin), CancellationToken.None);
        Assert.Contains(listed, row => row.Id == failed.Id && row.Reference == reference && row.LastError!.Contains("550", StringComparison.Ordinal));

        // The patient gives a working address; the admin corrects it and sends again.
        await using (var db = await OutboxEmailTests.Db(_app))
        {
            await db.OutboundEmails.Where(e => e.Id == failed.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Recipient, "working@example.com"));
        }

        Assert.True(await emails.ResendAsync(Person(StaffRoles.Admin), failed.Id, CancellationToken.None));
        Assert.False(await emails.ResendAsync(Person(StaffRoles.Admin), failed.Id, CancellationToken.None));
        await OutboxEmailTests.WaitForEmailAsync(_app, _smtp, m => m.To.Mailboxes.Any(t => t.Address == "working@example.com"));
        var sent = await OutboxEmailTests.WaitForAsync(_app, async db => await db.OutboundEmails.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == failed.Id && e.Status == OutboundEmailStatus.Sent));
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task A_refused_staff_email_with_no_request_is_listed_with_whom_it_was_for_and_the_step_that_wrote_it()
    {
        long stepId;
        await using (var db = await OutboxEmailTests.Db(_app))
        {
            // Tom's mail server refuses him for good (the test server answers 550 to "refused...").
            await db.Users.Where(u => u.Email == "clinician2@clinic.test").ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, "refused.tom@clinic.test"));
            var tom = await db.StaffMembers.SingleAsync(s => s.DisplayName == "Tom Okafor");
            var step = new LeadManager.Data.Outbox.FollowUp
            {
                StaffMemberId = tom.Id,
                Kind = FollowUpKinds.DailyDigest,
                DueAt = DateTime.UtcNow.AddSeconds(-1),
                MadeFor = DateTime.UtcNow.Date,
                Status = FollowUpStatus.Pending,
                CreatedAt = DateTime.UtcNow,
            };
            db.FollowUps.Add(step);
            await db.SaveChangesAsync();
            stepId = step.Id;
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FollowUpStepJob>().RunAsync(stepId, CancellationToken.None);
        }

        var failed = await OutboxEmailTests.WaitForAsync(_app, async db => await db.OutboundEmails.AsNoTracking()
            .SingleOrDefaultAsync(e => e.FollowUpId == stepId && e.Status == OutboundEmailStatus.Failed));
        await using var emailsScope = _app.Services.CreateAsyncScope();
        var listed = await emailsScope.ServiceProvider.GetRequiredService<EmailsNeedingAttention>().ListAsync(Person(StaffRoles.Admin), CancellationToken.None);
        var row = Assert.Single(listed, r => r.Id == failed.Id);
        Assert.Null(row.Reference);
        Assert.Equal("Tom Okafor (refused.tom@clinic.test)", row.To);
        Assert.Equal("Daily digest", row.Step);

        var admin = _app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(admin, "admin@clinic.test", TestApp.DemoPassword);
        var page = await admin.GetStringAsync("/admin/emails");
        Assert.Contains("Tom Okafor (refused.tom@clinic.test)", page);
        Assert.Contains("Daily digest", page);
        Assert.Contains("Staff email", page);
    }

    [Fact]
    public async Task Only_an_admin_may_list_or_resend_even_over_the_circuit()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var emails = scope.ServiceProvider.GetRequiredService<EmailsNeedingAttention>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => emails.ListAsync(Person(StaffRoles.Receptionist), CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => emails.ResendAsync(Person(StaffRoles.Clinician), 1, CancellationToken.None));
    }

    [Fact]
    public async Task The_page_is_for_admins_only()
    {
        var reception = _app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(reception, "reception@clinic.test", TestApp.DemoPassword);
        var admin = _app.CreateBrowserLikeClient();
        await StaffSignIn.SignInAsync(admin, "admin@clinic.test", TestApp.DemoPassword);

        Assert.StartsWith("/Account/AccessDenied", Redirect.PathOf(await reception.GetAsync("/admin/emails")));
        var page = await admin.GetAsync("/admin/emails");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Emails needing attention", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await reception.GetAsync("/hangfire")).StatusCode);
    }
}
