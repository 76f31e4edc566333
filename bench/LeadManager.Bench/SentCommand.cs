namespace LeadManager.Bench;

/// <summary>One SQL command as EF Core sent it.</summary>
internal sealed record SentCommand(string Text, (string Name, object? Value)[] Parameters);
