using Workflow.Server.Notifications;

namespace Workflow.Server.Robots;

public static class RobotsRegistration
{
    /// <summary>WeCom and DingTalk group robots as a delivery channel: the sender, the paced queue, the directory.</summary>
    public static IServiceCollection AddRobots(this IServiceCollection services, IConfiguration configuration)
    {
        var options = RobotOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<RobotSecrets>();
        services.AddSingleton<RobotDirectory>();
        services.AddSingleton<IDeliverySender, RobotSender>();
        services.AddHttpClient(RobotSender.ClientName, client => client.Timeout = options.Timeout);
        services.AddSingleton<RobotDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RobotDispatcher>());
        return services;
    }
}
