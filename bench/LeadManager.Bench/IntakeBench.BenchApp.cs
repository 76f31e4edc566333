using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadManager.Bench;

internal static partial class IntakeBench
{
    internal sealed class BenchApp(string directory, Dictionary<string, string>? extra = null, Action<IServiceCollection>? replaceServices = null) : WebApplicationFactory<Program>
    {
        public const string ApiKey = "bench-intake-key-0001";

        public Uri Start()
        {
            // Outside a test project nothing tells the factory where the web project is.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LEADMANAGER_WEB", LeadManager.TestSupport.RepositoryRoot.WebProject);
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseStaticWebAssets();
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(directory, "app.db")}",
                ["Demo:Seed"] = "true",
                ["Email:Delivery"] = "Pickup",
                ["Email:PickupDirectory"] = Path.Combine(directory, "mail"),
                ["Email:From"] = "Clinic <hello@clinic.test>",
                ["Email:ReceptionAddress"] = "reception@clinic.test",
                ["Intake:ApiKeys:0"] = ApiKey,
                ["Intake:MinimumFillSeconds"] = "0",
                ["Intake:FormPermitLimit"] = "100000",
                ["Intake:ApiPermitLimit"] = "1000000",
                // Intake alone: the emails each submission queues are timed by `bench -- email`.
                ["FollowUp:ProcessJobs"] = (extra?.ContainsKey("Email:Delivery") ?? false) ? "true" : "false",
                ["Logging:LogLevel:Default"] = "Warning",
            }.Concat(extra ?? []))
            {
                builder.UseSetting(key, value);
            }

            if (replaceServices is not null)
            {
                builder.ConfigureTestServices(replaceServices);
            }
        }
    }
}
