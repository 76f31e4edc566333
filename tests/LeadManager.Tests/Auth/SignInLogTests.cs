using System.Net;
using LeadManager.Web.Auth;

namespace LeadManager.Tests.Auth;

public sealed class SignInLogTests
{
    [Theory]
    [InlineData("reception@clinic.test", "r***@clinic.test")]
    [InlineData("  Sophie.Patel@Riverside-Physio.co.uk ", "s***@riverside-physio.co.uk")]
    [InlineData("a@b.example", "a***@b.example")]
    [InlineData("not an email", "***")]
    [InlineData("@clinic.test", "***")]
    [InlineData("someone@", "***")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void An_account_is_shown_by_its_first_letter_and_domain_only(string? email, string expected) =>
        Assert.Equal(expected, SignInLog.MaskAccount(email));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void The_sign_in_limit_counts_IPv4_by_address_and_IPv6_by_its_64(string address, string expected) =>
        Assert.Equal(expected, SignInLog.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void Two_IPv4_clients_seen_through_a_dual_stack_socket_are_two_clients() =>
        Assert.NotEqual(SignInLog.ClientKey(IPAddress.Parse("::ffff:203.0.113.7")), SignInLog.ClientKey(IPAddress.Parse("::ffff:198.51.100.9")));
}
