using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LeadManager.Tests.Dependencies;

/// <summary>docs/dependencies.md names every package a project of the solution references, with the version it gets.</summary>
public sealed partial class DependenciesDocTests
{
    [Fact]
    public void Every_package_a_project_references_is_in_docs_dependencies_md_with_its_version()
    {
        var root = Root();
        var versions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var doc = File.ReadAllText(Path.Combine(root, "docs", "dependencies.md"));
        // The first row naming a package wins: the first table is the projects' own references.
        var rows = TableRow().Matches(doc)
            .GroupBy(m => m.Groups["id"].Value, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Groups["version"].Value.Trim(), StringComparer.OrdinalIgnoreCase);

        var projects = ProjectPath().Matches(File.ReadAllText(Path.Combine(root, "LeadManager.sln")))
            .Select(m => Path.Combine(root, m.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar)))
            .ToList();
        var references = projects
            .SelectMany(project => XDocument.Load(project).Descendants("PackageReference")
                .Select(r => (Project: Path.GetFileNameWithoutExtension(project), Id: (string)r.Attribute("Include")!,
                    Version: (string?)r.Attribute("VersionOverride") ?? (string?)r.Attribute("Version"))))
            .ToList();

        Assert.True(projects.Count >= 8, $"Only {projects.Count} projects found in LeadManager.sln.");
        Assert.True(references.Count >= 20, $"Only {references.Count} package references found.");
        var missing = references
            .Select(r => (r.Project, r.Id, Version: r.Version ?? versions.GetValueOrDefault(r.Id) ?? "(no version)"))
            .Where(r => !rows.TryGetValue(r.Id, out var documented) || documented != r.Version)
            .Select(r => $"{r.Project} references {r.Id} {r.Version}; docs/dependencies.md has {(rows.TryGetValue(r.Id, out var v) ? v : "no row")}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void The_local_tools_are_in_docs_dependencies_md_with_their_versions()
    {
        var root = Root();
        var doc = File.ReadAllText(Path.Combine(root, "docs", "dependencies.md"));
        var tools = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")))
            .RootElement.GetProperty("tools").EnumerateObject()
            .Select(t => (Name: t.Name, Version: t.Value.GetProperty("version").GetString()!))
            .ToList();

        Assert.NotEmpty(tools);
        Assert.All(tools, t => Assert.Matches($@"\| `{Regex.Escape(t.Name)}`[^|]*\| {Regex.Escape(t.Version)} \|", doc));
    }

    private static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LeadManager.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"No LeadManager.sln above {AppContext.BaseDirectory}.");
    }

    // A row of the first table: | `Package.Id` | 1.2.3 | ...
    [GeneratedRegex(@"^\| `(?<id>[A-Za-z0-9._-]+)` \| (?<version>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"""([^""]+\.csproj)""")]
    private static partial Regex ProjectPath();
}
