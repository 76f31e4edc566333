using LeadManager.Web.Configuration;

namespace LeadManager.Web.LiveUpdates;

internal static class LiveUpdatesSetup
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveUpdatesOptions, LiveUpdatesOptionsValidator>(configuration, LiveUpdatesOptions.Section);
        services.AddSingleton<ClinicSetupChanges>();
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
