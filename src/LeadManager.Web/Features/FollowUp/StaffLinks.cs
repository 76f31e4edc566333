using LeadManager.Web.Configuration;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.Features.FollowUp;

/// <summary>The links staff emails carry: a request's page, by our reference, and the clinician's list. Staff sign in to follow them.</summary>
public sealed class StaffLinks(IOptions<AppOptions> app)
{
    public string Lead(string reference) => new Uri(new Uri(app.Value.PublicUrl), $"/leads/{Uri.EscapeDataString(reference)}").ToString();

    public string MyCalls => new Uri(new Uri(app.Value.PublicUrl), "/my-calls").ToString();
}
