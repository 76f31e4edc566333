using LeadManager.Data.Leads;

namespace LeadManager.Tests.TestSupport;

internal static class LeadAssert
{
    /// <summary>
    /// The action is refused with a message for the user and leaves the lead exactly as it
    /// was (and any other lead passed in).
    /// </summary>
    public static LeadRuleException Refused(Lead lead, Action action, params Lead[] others)
    {
        var before = LeadSnapshot.Of(lead);
        List<LeadSnapshot> othersBefore = [.. others.Select(LeadSnapshot.Of)];

        var refusal = Assert.Throws<LeadRuleException>(action);

        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Equal(before, LeadSnapshot.Of(lead));
        Assert.Equal(othersBefore, others.Select(LeadSnapshot.Of));
        return refusal;
    }

    /// <summary>The action succeeded with exactly one new timeline event of the given kind and one version bump.</summary>
    public static LeadEvent OneEventAdded(Lead lead, LeadEventKind kind, Action action)
    {
        var before = LeadSnapshot.Of(lead);

        action();

        Assert.Equal(before.EventCount + 1, lead.Events.Count);
        Assert.Equal(before.Version + 1, lead.Version);
        var added = lead.Events[^1];
        Assert.Equal(kind, added.Kind);
        return added;
    }
}
