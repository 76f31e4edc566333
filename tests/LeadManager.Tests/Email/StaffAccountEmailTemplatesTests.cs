using LeadManager.Web.Auth;
using LeadManager.Web.Email;
using LeadManager.Web.Email.Messages.StaffInvite;
using LeadManager.Web.Email.Messages.StaffPasswordReset;

namespace LeadManager.Tests.Email;

/// <summary>A staff member's account emails: who it is for, the link, how long it works; the name encoded; never a password.</summary>
public sealed class StaffAccountEmailTemplatesTests
{
    private const string Link = "https://calls.clinic.test/Account/AcceptInvite?user=abc&token=CfDJ8-xyz_1";

    [Fact]
    public async Task The_invite_says_who_it_is_for_in_what_role_and_how_long_its_one_time_link_works()
    {
        var rendered = await new EmailTemplates().RenderAsync(new StaffInviteEmail(
            "Riverside Physiotherapy", "Priya <b>Shah</b>", StaffRoleWords.AsA("Clinician"), "priya@clinic.test", Link, StaffAccountOptions.Describe(TimeSpan.FromDays(7))));

        Assert.Equal("Your LeadManager account at Riverside Physiotherapy: choose your password", rendered.Subject);
        Assert.Contains("Priya <b>Shah</b>, Riverside Physiotherapy has set up a LeadManager account for you as a clinician.", rendered.Text);
        Assert.Contains("Priya &lt;b&gt;Shah&lt;/b&gt;", rendered.Html);
        Assert.Contains($"<a href=\"{Link.Replace("&", "&amp;", StringComparison.Ordinal)}\">Choose your password</a>", rendered.Html);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("priya@clinic.test", body);
            Assert.Contains("The link works once, for 7 days.", body);
            Assert.Contains("ask the clinic manager to send a new one", body);
        }

        Assert.Contains(Link, rendered.Text);
    }

    [Fact]
    public async Task The_reset_email_carries_its_link_and_says_the_old_password_works_until_it_is_used()
    {
        var reset = Link.Replace("AcceptInvite", "ResetPassword", StringComparison.Ordinal);

        var rendered = await new EmailTemplates().RenderAsync(new StaffPasswordResetEmail(
            "Riverside Physiotherapy", "Sophie Hale", "sophie@clinic.test", reset, StaffAccountOptions.Describe(TimeSpan.FromHours(24))));

        Assert.Equal("Choose a new LeadManager password for Riverside Physiotherapy", rendered.Subject);
        Assert.Contains(reset, rendered.Text);
        foreach (var body in new[] { rendered.Text, rendered.Html })
        {
            Assert.Contains("The link works once, for 24 hours. Until you use it, your current password keeps working.", body);
        }
    }

    [Theory]
    [InlineData(7 * 24, "7 days")]
    [InlineData(2 * 24, "2 days")]
    [InlineData(24, "24 hours")]
    [InlineData(1, "1 hour")]
    [InlineData(36, "36 hours")]
    public void Link_lifetimes_read_as_people_say_them(int hours, string expected) =>
        Assert.Equal(expected, StaffAccountOptions.Describe(TimeSpan.FromHours(hours)));
}
