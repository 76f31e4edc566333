using LeadManager.Web.Configuration;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Auth;

/// <summary>
/// The links in a staff member's account emails, on App:PublicUrl: the invite's "choose your
/// password" page and the password reset's, each carrying the user's id and a token from
/// <see cref="StaffLinkTokens"/>. The pages post the token in the form, not in the address,
/// so it is in the address (and the request log) only on the first visit.
/// </summary>
public sealed class StaffAccountLinks(IOptions<AppOptions> app)
{
    public const string AcceptInvitePath = "/Account/AcceptInvite";
    public const string ResetPasswordPath = "/Account/ResetPassword";

    public string AcceptInvite(string userId, string token) => Build(AcceptInvitePath, userId, token);

    public string ResetPassword(string userId, string token) => Build(ResetPasswordPath, userId, token);

    private string Build(string path, string userId, string token) =>
        new Uri(new Uri(app.Value.PublicUrl), $"{path}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}").ToString();
}
