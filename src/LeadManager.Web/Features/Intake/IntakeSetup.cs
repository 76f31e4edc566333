using LeadManager.Web.Configuration;

namespace LeadManager.Web.Features.Intake;

internal static class IntakeSetup
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IntakeOptions, IntakeOptionsValidator>(configuration, IntakeOptions.Section);
        services.AddSingleton<IntakeValidator>();
        services.AddSingleton<IntakeTickets>();
        services.AddSingleton<IntakeMetrics>();
        services.AddSingleton<IntakeWriter>();
        services.AddScoped<SubmitLeadRequest>();
        services.AddScoped<RequestFormHandler>();
        services.AddIntakeRateLimits();
        return services;
    }
}
