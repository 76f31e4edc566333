using System.Text.RegularExpressions;
using LeadManager.Data.Leads;

namespace LeadManager.Tests.Leads;

public sealed class LeadReferenceTests
{
    private static readonly Regex _shape = new($"^DC-[{LeadReference.Alphabet}]{{6}}$", RegexOptions.CultureInvariant);

    [Fact]
    public void New_reference_is_the_prefix_and_six_readable_characters()
    {
        var reference = LeadReference.New();

        Assert.Matches(_shape, reference);
    }

    [Fact]
    public void Generated_references_are_all_valid_and_almost_all_distinct()
    {
        var references = Enumerable.Range(0, 1000).Select(_ => LeadReference.New()).ToList();

        Assert.All(references, reference =>
        {
            Assert.Matches(_shape, reference);
            Assert.Equal(reference, LeadReference.Normalise(reference));
        });

        // 27^6 ≈ 387 million codes: a handful of collisions in 1,000 would already be suspicious.
        Assert.True(references.Distinct().Count() >= 995, $"Only {references.Distinct().Count()} distinct references in 1,000.");
    }

    [Fact]
    public void Alphabet_leaves_out_characters_that_are_confused_when_read_aloud()
    {
        Assert.Equal(27, LeadReference.Alphabet.Length);
        Assert.Equal(LeadReference.Alphabet.Length, LeadReference.Alphabet.Distinct().Count());
        Assert.DoesNotContain(LeadReference.Alphabet, c => "015SZ2OIL".Contains(c));
    }

    [Theory]
    [InlineData("DC-7K3P9Q")]
    [InlineData("dc-7k3p9q")]
    [InlineData("  DC-7K3P9Q  ")]
    [InlineData("DC-7K3 P9Q")]
    [InlineData("7K3P9Q")]
    [InlineData("7k3p9q")]
    [InlineData("7K3 P9Q")]
    [InlineData("dc-7K3p9Q")]
    public void Normalise_accepts_case_spaces_and_a_missing_prefix(string input)
    {
        Assert.Equal("DC-7K3P9Q", LeadReference.Normalise(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("DC-7K3P9")]
    [InlineData("DC-7K3P9QX")]
    [InlineData("7K3P9")]
    [InlineData("DC-")]
    public void Normalise_rejects_empty_input_and_the_wrong_length(string? input)
    {
        Assert.Null(LeadReference.Normalise(input));
    }

    [Theory]
    [InlineData("DC-7K3P90")]
    [InlineData("DC-7K3P9O")]
    [InlineData("DC-7K3P91")]
    [InlineData("DC-7K3P9I")]
    [InlineData("DC-7K3P9L")]
    [InlineData("dc-7k3p9l")]
    [InlineData("DC-7K3P95")]
    [InlineData("DC-7K3P9S")]
    [InlineData("DC-7K3P92")]
    [InlineData("DC-7K3P9Z")]
    [InlineData("DC-7K3P9-")]
    public void Normalise_rejects_ambiguous_or_foreign_characters(string input)
    {
        Assert.Null(LeadReference.Normalise(input));
    }
}
