using LeadManager.Web.Configuration;

namespace LeadManager.Web.Email;

internal static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(configuration, EmailOptions.Section);
        services.AddSingleton<EmailSender>();
        services.AddSingleton<EmailTemplates>();
        return services;
    }
}
