using NetArchTest.Rules;

namespace LeadManager.Tests.Architecture;

/// <summary>
/// The web project is vertical slices (ADR-001): a feature folder may use another in one
/// direction, never both ways round, and the shared folders beside them (live updates,
/// scheduling, sites, text, auth, email...) use no feature at all (ADR-013). Checked on the
/// compiled assembly, so a Razor page's hidden code counts as much as a handler's.
/// </summary>
public sealed class FeatureFolderDependencyTests
{
    private const string FeaturesNamespace = "LeadManager.Web.Features";

    private static readonly IReadOnlyList<string> Features = typeof(Program).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(ns => ns.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal))
        .Select(ns => ns[(FeaturesNamespace.Length + 1)..].Split('.')[0])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_feature_folders_are_found()
    {
        Assert.Contains("Intake", Features);
        Assert.Contains("Leads", Features);
        Assert.Contains("Board", Features);
        Assert.Contains("FollowUp", Features);
    }

    // Without this, a check that matched no type at all would pass for ever.
    [Fact]
    public void The_check_sees_a_feature_using_another()
    {
        Assert.Contains(("Board", "Leads"), FeatureDependencies().Keys);
    }

    [Fact]
    public void No_two_feature_folders_depend_on_each_other_even_through_a_third()
    {
        var edges = FeatureDependencies();
        var cycles = FeatureCycles.Find(Features, edges.Keys);

        var explanation = string.Join("\n\n", cycles.Select(cycle =>
            $"{string.Join(" -> ", cycle.Append(cycle[0]))}:\n" + string.Join("\n", Pairs(cycle)
                .SelectMany(edge => edges[edge].Select(type => $"  {edge.From} -> {edge.To}: {type}")))));
        Assert.True(cycles.Count == 0, "Feature folders that use each other in a cycle (move what they share to a shared folder):\n" + explanation);
    }

    [Fact]
    public void Shared_folders_depend_on_no_feature()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            // Every folder of the web project but Features/; Program.cs, the composition root that lists the features, is outside any.
            .That().ResideInNamespaceMatching(@"^LeadManager\.Web\.(?!Features(\.|$))")
            .ShouldNot().HaveDependencyOnAny(FeaturesNamespace)
            .GetResult();

        Assert.True(result.IsSuccessful, "Shared code that uses a feature folder:\n" + string.Join("\n",
            (result.FailingTypes ?? []).Select(t => $"  {t.FullName}: {t.Explanation}")));
    }

    private static Dictionary<(string From, string To), List<string>> FeatureDependencies()
    {
        var edges = new Dictionary<(string From, string To), List<string>>();
        foreach (var from in Features)
        {
            foreach (var to in Features.Where(f => f != from))
            {
                var result = Types.InAssembly(typeof(Program).Assembly)
                    .That().ResideInNamespace($"{FeaturesNamespace}.{from}")
                    .ShouldNot().HaveDependencyOnAny($"{FeaturesNamespace}.{to}")
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    edges[(from, to)] = result.FailingTypes.Select(t => $"{t.FullName} ({t.Explanation})").ToList();
                }
            }
        }

        return edges;
    }

    private static IEnumerable<(string From, string To)> Pairs(IReadOnlyList<string> cycle) =>
        cycle.Select((node, i) => (node, cycle[(i + 1) % cycle.Count]));
}
