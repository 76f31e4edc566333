namespace LeadManager.TestSupport;

/// <summary>The checkout this build came from (the folder holding LeadManager.sln), for tools that start the app themselves.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LeadManager.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"No LeadManager.sln above {AppContext.BaseDirectory}.");
    }

    public static string WebProject => Path.Combine(Find(), "src", "LeadManager.Web");
}
