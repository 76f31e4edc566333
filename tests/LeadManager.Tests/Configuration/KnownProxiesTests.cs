using LeadManager.Web.Configuration;

namespace LeadManager.Tests.Configuration;

public sealed class KnownProxiesTests
{
    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData(" 10.0.0.5 ", true)]
    [InlineData("fd00::5", true)]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("10.0.0.5/24", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.1", false)]
    [InlineData("167772161", false)]
    [InlineData("proxy.internal", false)]
    [InlineData("", false)]
    public void A_known_proxy_is_an_address_or_a_network_written_in_full(string entry, bool valid) =>
        Assert.Equal(valid, ForwardedHeadersSetup.TryParse(entry, out _, out _));
}
