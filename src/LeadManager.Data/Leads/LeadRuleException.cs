namespace LeadManager.Data.Leads;

/// <summary>
/// An action that the lead's current state does not allow. The message is written for the
/// person who tried it and is safe to show on screen.
/// </summary>
public sealed class LeadRuleException(string message) : InvalidOperationException(message);
