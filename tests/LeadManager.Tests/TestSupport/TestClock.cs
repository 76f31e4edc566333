namespace LeadManager.Tests.TestSupport;

/// <summary>Fixed UTC instants so lifecycle tests never depend on the machine's clock.</summary>
internal static class TestClock
{
    /// <summary>When builders put a lead into its starting state.</summary>
    public static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>When the action under test happens: a little after the lead was set up.</summary>
    public static readonly DateTime Later = Now.AddMinutes(30);

    /// <summary>The call time builders agree for a Scheduled lead.</summary>
    public static readonly DateTime AgreedCallAt = Now.AddDays(1);

    /// <summary>A different future call time, for schedule and reschedule actions.</summary>
    public static readonly DateTime OtherCallAt = Now.AddDays(2);
}
