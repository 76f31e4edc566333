namespace LeadManager.Web.Email.Messages.DailyDigest;

/// <summary>One request in a digest: our reference, a link, and a time or a note about it ("late since Mon 6 Apr 09:10"). Never a name.</summary>
public sealed record DigestItem(string Reference, string Url, string Note);
