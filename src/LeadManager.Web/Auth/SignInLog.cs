using System.Net;
using System.Net.Sockets;

namespace LeadManager.Web.Auth;

/// <summary>
/// What sign-in log lines and limits may say about who is signing in: never the password, never
/// the whole email. An account is shown by its first letter and its domain ("r***@clinic.co.uk"),
/// enough to tell an attack on one person from a spray across the clinic.
/// </summary>
public static class SignInLog
{
    public static string MaskAccount(string? email)
    {
        var text = email?.Trim() ?? "";
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            // Not an email: nothing of it is worth showing.
            return "***";
        }

        return $"{char.ToLowerInvariant(text[0])}***@{text[(at + 1)..].ToLowerInvariant()}";
    }

    /// <summary>
    /// The client as the sign-in limit counts it: an IPv4 address as it is, an IPv6 address by its
    /// /64 (one home or office holds a whole /64, so counting single addresses would let one
    /// connection step around the limit). IPv4 seen through a dual-stack socket is IPv4.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The client address for a log line (after forwarded headers from a known proxy).</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";
}
