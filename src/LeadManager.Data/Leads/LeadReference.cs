using System.Security.Cryptography;

namespace LeadManager.Data.Leads;

/// <summary>The patient-facing reference: "DC-" and six characters a person can read out on the phone.</summary>
public static class LeadReference
{
    // No 0/O, 1/I/L, 5/S or 2/Z: these get confused when read aloud or handwritten.
    public const string Alphabet = "346789ABCDEFGHJKMNPQRTUVWXY";
    public const string Prefix = "DC-";
    public const int Length = 6;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Prefix + new string(code);
    }

    /// <summary>Upper-cases, trims and adds the prefix if missing; null when it cannot be a reference.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = Prefix + text;
        }

        var code = text.AsSpan(Prefix.Length);
        if (code.Length != Length)
        {
            return null;
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c))
            {
                return null;
            }
        }

        return text;
    }
}
