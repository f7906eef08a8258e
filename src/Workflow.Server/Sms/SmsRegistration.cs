using Workflow.Server.Notifications;

namespace Workflow.Server.Sms;

public static class SmsRegistration
{
    /// <summary>SMS as a delivery channel: the configuration (checked at start-up), both providers behind the port, the sender.</summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SmsOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ISmsProvider, AlibabaSms>();
        services.AddSingleton<ISmsProvider, TencentSms>();
        services.AddSingleton<IDeliverySender, SmsSender>();
        services.AddHttpClient(SmsSender.ClientName, client => client.Timeout = options.Timeout);
        return services;
    }
}
