using LeadManager.Data.Leads;
using LeadManager.Web.Features.Board;

namespace LeadManager.Tests.Board;

public sealed class ClinicianSuggestionTests
{
    private static readonly CandidateSite Riverside = new(1, "Riverside");
    private static readonly CandidateSite TownCentre = new(2, "Town Centre");

    private static ClinicianCandidate Clinician(
        string name,
        CandidateSite[]? sites = null,
        BodyAreas specialties = BodyAreas.None,
        bool workingToday = true,
        int load = 0,
        int capacity = 6,
        bool active = true,
        int? id = null) =>
        new(id ?? name.Sum(ch => ch), name, sites ?? [Riverside], specialties, workingToday, load, capacity, active);

    private static SuggestionLead ALead(BodyArea? area = BodyArea.Neck, CandidateSite? site = null) =>
        new(area, site?.Id, TriageLevel.Routine);

    private static string? SuggestedName(SuggestionLead lead, params ClinicianCandidate[] candidates) =>
        ClinicianSuggestionRules.Suggest(lead, candidates)?.Clinician.Name;

    [Fact]
    public void Nobody_working_today_means_no_suggestion() =>
        Assert.Null(ClinicianSuggestionRules.Suggest(ALead(), [Clinician("Priya", workingToday: false), Clinician("Tom", workingToday: false)]));

    [Fact]
    public void No_candidates_means_no_suggestion() =>
        Assert.Null(ClinicianSuggestionRules.Suggest(ALead(), []));

    [Fact]
    public void An_inactive_clinician_is_never_suggested() =>
        Assert.Equal("Tom", SuggestedName(ALead(), Clinician("Priya", specialties: BodyAreas.Neck, active: false), Clinician("Tom", load: 5)));

    [Fact]
    public void A_clinician_at_the_preferred_site_beats_a_specialist_elsewhere() =>
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Neck, TownCentre),
            Clinician("Priya", [Riverside], BodyAreas.Neck),
            Clinician("Tom", [TownCentre], BodyAreas.Knee, load: 4)));

    [Fact]
    public void A_lead_with_no_site_is_happy_with_any_site() =>
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Knee, site: null),
            Clinician("Priya", [Riverside], BodyAreas.Neck),
            Clinician("Tom", [TownCentre], BodyAreas.Knee, load: 4)));

    [Fact]
    public void A_specialist_in_the_body_area_beats_a_less_busy_generalist_at_the_same_site() =>
        Assert.Equal("Priya", SuggestedName(ALead(BodyArea.Neck, Riverside),
            Clinician("Priya", specialties: BodyAreas.Neck | BodyAreas.HeadHeadaches, load: 5),
            Clinician("Hannah", specialties: BodyAreas.LowerBack, load: 0)));

    [Theory]
    [InlineData(BodyArea.MoreThanOneArea)]
    [InlineData(BodyArea.Other)]
    [InlineData(null)]
    public void More_than_one_area_somewhere_else_or_no_area_needs_no_specialty(BodyArea? area) =>
        Assert.Equal("Hannah", SuggestedName(ALead(area, Riverside),
            Clinician("Priya", specialties: BodyAreas.Neck | BodyAreas.Other | BodyAreas.MoreThanOneArea, load: 3),
            Clinician("Hannah", specialties: BodyAreas.LowerBack, load: 1)));

    [Fact]
    public void Among_equals_the_lowest_load_ratio_wins_over_the_lowest_load() =>
        // 3 of 10 is lighter than 2 of 4, though 2 calls is fewer.
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Neck),
            Clinician("Priya", specialties: BodyAreas.Neck, load: 2, capacity: 4),
            Clinician("Tom", specialties: BodyAreas.Neck, load: 3, capacity: 10)));

    [Fact]
    public void An_equal_load_ratio_goes_to_the_lower_load() =>
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Neck),
            Clinician("Priya", specialties: BodyAreas.Neck, load: 4, capacity: 8),
            Clinician("Tom", specialties: BodyAreas.Neck, load: 2, capacity: 4)));

    [Fact]
    public void A_complete_tie_goes_to_the_name_so_the_suggestion_is_stable()
    {
        var hannah = Clinician("Hannah", specialties: BodyAreas.Neck, load: 1);
        var priya = Clinician("Priya", specialties: BodyAreas.Neck, load: 1);

        Assert.Equal("Hannah", SuggestedName(ALead(), priya, hannah));
        Assert.Equal("Hannah", SuggestedName(ALead(), hannah, priya));
    }

    [Fact]
    public void A_full_specialist_at_the_preferred_site_loses_to_anyone_working_with_room() =>
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Neck, Riverside),
            Clinician("Priya", [Riverside], BodyAreas.Neck, load: 6, capacity: 6),
            Clinician("Tom", [TownCentre], BodyAreas.Knee, load: 5, capacity: 6)));

    [Fact]
    public void When_everyone_working_is_full_the_best_of_them_is_suggested_and_the_explanation_says_so()
    {
        var suggestion = ClinicianSuggestionRules.Suggest(ALead(BodyArea.Neck, Riverside),
        [
            Clinician("Priya", [Riverside], BodyAreas.Neck, load: 7, capacity: 6),
            Clinician("Tom", [TownCentre], BodyAreas.Knee, load: 6, capacity: 6),
            Clinician("Hannah", [Riverside], BodyAreas.Neck, workingToday: false),
        ]);

        Assert.NotNull(suggestion);
        Assert.Equal("Priya", suggestion.Clinician.Name);
        Assert.True(suggestion.OverCapacity);
        Assert.Equal("neck · Riverside · 7 of 6 calls today · full today, nobody working has room", suggestion.Explanation);
    }

    [Fact]
    public void A_clinician_with_no_capacity_set_counts_as_full() =>
        Assert.Equal("Tom", SuggestedName(ALead(BodyArea.Neck),
            Clinician("Priya", specialties: BodyAreas.Neck, load: 0, capacity: 0),
            Clinician("Tom", load: 5, capacity: 6)));

    [Fact]
    public void The_explanation_names_the_matched_specialty_the_site_and_the_load()
    {
        var suggestion = ClinicianSuggestionRules.Suggest(ALead(BodyArea.HeadHeadaches, Riverside),
            [Clinician("Priya", [Riverside, TownCentre], BodyAreas.Neck | BodyAreas.HeadHeadaches, load: 2, capacity: 6)]);

        Assert.NotNull(suggestion);
        Assert.False(suggestion.OverCapacity);
        Assert.Equal("head / headaches · Riverside · 2 of 6 calls today", suggestion.Explanation);
    }

    [Fact]
    public void The_explanation_says_when_no_specialty_matches_and_lists_the_clinician_s_sites_when_the_lead_has_none()
    {
        var suggestion = ClinicianSuggestionRules.Suggest(ALead(BodyArea.Knee, site: null),
            [Clinician("Hannah", [TownCentre, Riverside], BodyAreas.LowerBack, load: 0, capacity: 8)]);

        Assert.Equal("no specialty match · Riverside / Town Centre · 0 of 8 calls today", suggestion?.Explanation);
    }
}
