using System.Net;
using Microsoft.Data.Sqlite;

namespace LeadManager.IntegrationTests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_503_when_the_database_does_not_answer()
    {
        await using var app = new TestApp("Testing", new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // The file is replaced by something that is not a database, as after a bad restore.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(app.DatabasePath + suffix);
        }

        await File.WriteAllTextAsync(app.DatabasePath, new string('x', 8192));

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
