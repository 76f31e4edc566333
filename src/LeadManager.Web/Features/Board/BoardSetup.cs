namespace LeadManager.Web.Features.Board;

internal static class BoardSetup
{
    public static IServiceCollection AddBoard(this IServiceCollection services)
    {
        services.AddScoped<BoardQuery>();
        services.AddScoped<BoardTargets>();
        services.AddSingleton<BoardMetrics>();
        services.AddSingleton<BoardSuggestions>();
        return services;
    }
}
