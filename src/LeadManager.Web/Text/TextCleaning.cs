using System.Net.Mail;
using System.Text;
using PhoneNumbers;

namespace LeadManager.Web.Text;

/// <summary>
/// How the app cleans what people type, wherever they type it: patients on the request form,
/// staff in notes and in the list's search. One place, so a note is cleaned exactly as a request is.
/// </summary>
public static class TextCleaning
{
    /// <summary>The example in the phone message: it must itself pass, or a patient who copies its shape is refused.</summary>
    public const string PhoneExample = "07123 456789";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>A UK-first phone number in E.164, or a message saying what is wrong.</summary>
    public static string? NormalisePhone(string? raw, out string? error)
    {
        error = null;
        var text = CleanLine(raw);
        if (string.IsNullOrEmpty(text))
        {
            error = "Enter a phone number: a clinician will call you on it.";
            return null;
        }

        try
        {
            var number = Phones.Parse(text, "GB");
            if (Phones.IsValidNumber(number))
            {
                return Phones.Format(number, PhoneNumberFormat.E164);
            }
        }
        catch (NumberParseException)
        {
        }

        error = $"Enter a phone number we can call, like {PhoneExample}, or with the country code from abroad (+44 ...).";
        return null;
    }

    /// <summary>
    /// Whether already-cleaned text (<see cref="CleanLine"/>, lower-cased) is one plain email
    /// address: no display name, no spaces, a dotted domain. The one rule for a patient's address
    /// and a staff member's.
    /// </summary>
    public static bool IsEmailAddress(string text) =>
        !text.Contains(' ', StringComparison.Ordinal)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');

    /// <summary>One line of text: trimmed, inner whitespace runs folded, control and format characters removed.</summary>
    public static string? CleanLine(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace && builder.Length > 0 && char.IsWhiteSpace(c))
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsInvisibleFormatting(c))
            {
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Free text that may have paragraphs: line breaks kept (as \n), other control characters removed.</summary>
    public static string? CleanText(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var normalised = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (c == '\n' || c == '\t')
            {
                builder.Append(c == '\t' ? ' ' : c);
            }
            else if (!char.IsControl(c) && !IsInvisibleFormatting(c))
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString().Trim();
        while (cleaned.Contains("\n\n\n", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    // Bidi overrides and zero-width characters can disguise text; joiners inside emoji are kept.
    private static bool IsInvisibleFormatting(char c) =>
        c is '\u200B' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\uFEFF'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
