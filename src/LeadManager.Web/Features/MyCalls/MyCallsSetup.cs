namespace LeadManager.Web.Features.MyCalls;

internal static class MyCallsSetup
{
    public static IServiceCollection AddMyCalls(this IServiceCollection services) =>
        services.AddScoped<MyCallsQuery>();
}
