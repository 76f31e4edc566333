namespace LeadManager.Web.Features.Leads;

internal static class LeadsSetup
{
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddScoped<LeadStatusQuery>();
        services.AddScoped<LeadActions>();
        services.AddScoped<LeadDetailsQuery>();
        services.AddScoped<AssignableClinicians>();
        services.AddScoped<LeadListQuery>();
        services.AddScoped<EnterPhoneLead>();
        return services;
    }
}
