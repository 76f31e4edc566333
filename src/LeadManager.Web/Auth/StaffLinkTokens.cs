using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// The tokens in a staff member's account links: one Identity token provider per purpose, each
/// with its own Data Protection purpose (its name) and its own lifetime. A token names the user,
/// its purpose, when it was made and the user's security stamp, so it stops working when it
/// expires and as soon as the stamp changes: setting the password (which makes a link one-time),
/// sending a new invite, revoking one.
/// </summary>
public static class StaffLinkTokens
{
    /// <summary>The invite's provider, and the purpose its tokens are made for.</summary>
    public const string Invite = "StaffInvite";

    /// <summary>The password reset's provider (Identity's reset tokens use it: IdentityOptions.Tokens.PasswordResetTokenProvider).</summary>
    public const string PasswordReset = "StaffPasswordReset";
}

public sealed class StaffInviteTokenProviderOptions : DataProtectionTokenProviderOptions;

public sealed class StaffPasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Identity's <see cref="DataProtectorTokenProvider{TUser}"/> with the same checks, but reading the
/// app's <see cref="TimeProvider"/> instead of the system clock (Identity's reads
/// DateTimeOffset.UtcNow and has no option for it), so expiry follows the clock the rest of the
/// app and its tests use. Tokens are base64url, safe in a query string as they are.
/// </summary>
public abstract class StaffLinkTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger,
    TimeProvider timeProvider)
    : DataProtectorTokenProvider<IdentityUser>(dataProtection, options, logger)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<IdentityUser> manager, IdentityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var payload = new MemoryStream();
        await using (var writer = new BinaryWriter(payload, Utf8, leaveOpen: true))
        {
            writer.Write(timeProvider.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(await manager.GetSecurityStampAsync(user));
        }

        return WebEncoders.Base64UrlEncode(Protector.Protect(payload.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<IdentityUser> manager, IdentityUser user)
    {
        byte[] payload;
        try
        {
            payload = Protector.Unprotect(WebEncoders.Base64UrlDecode(token ?? ""));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            Refused("it was changed or was never ours");
            return false;
        }

        using var reader = new BinaryReader(new MemoryStream(payload), Utf8);
        try
        {
            var madeAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var userId = reader.ReadString();
            var madeFor = reader.ReadString();
            var stamp = reader.ReadString();
            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                Refused("it does not read as one");
                return false;
            }

            if (madeAt + Options.TokenLifespan < timeProvider.GetUtcNow())
            {
                Refused("it has expired");
                return false;
            }

            if (userId != await manager.GetUserIdAsync(user) || !string.Equals(madeFor, purpose, StringComparison.Ordinal))
            {
                Refused("it was made for another account or purpose");
                return false;
            }

            if (stamp != await manager.GetSecurityStampAsync(user))
            {
                // The password was set, or a newer link was sent, or the invite was revoked.
                Refused("it was used or replaced");
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is EndOfStreamException or ArgumentOutOfRangeException or DecoderFallbackException)
        {
            Refused("it does not read as one");
            return false;
        }
    }

    // Why, never the token or whose it is.
    private void Refused(string why) => Logger.LogInformation("A staff account link ({Provider}) was refused: {Why}", Name, why);
}

public sealed class StaffInviteTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<StaffInviteTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger,
    TimeProvider timeProvider)
    : StaffLinkTokenProvider(dataProtection, options, logger, timeProvider);

public sealed class StaffPasswordResetTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<StaffPasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> logger,
    TimeProvider timeProvider)
    : StaffLinkTokenProvider(dataProtection, options, logger, timeProvider);
