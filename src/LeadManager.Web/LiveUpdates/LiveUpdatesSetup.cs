using System.Collections.Concurrent;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.LiveUpdates;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.LiveUpdates;

internal static class LiveUpdatesSetup
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveUpdatesOptions, LiveUpdatesOptionsValidator>(configuration, LiveUpdatesOptions.Section);
        services.AddSingleton<LeadChangeSubscribers>();
        var mode = configuration.GetSection(LiveUpdatesOptions.Section).GetValue(nameof(LiveUpdatesOptions.Mode), LiveUpdatesMode.InProcess);
        if (mode == LiveUpdatesMode.DatabasePolling)
        {
            services.AddSingleton<DatabaseLeadChangeNotifier>();
            services.AddSingleton<ILeadChangeNotifier>(sp => sp.GetRequiredService<DatabaseLeadChangeNotifier>());
            services.AddHostedService<LeadChangePoller>();
        }
        else
        {
            services.AddSingleton<ILeadChangeNotifier, InProcessLeadChangeNotifier>();
        }

        return services;
    }
}
