using Workflow.Federation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Engine;
using Workflow.Server.Calendar;
using Workflow.Server.Email;
using Workflow.Server.Notifications;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Reminders;

public static class RemindersRegistration
{
    /// <summary>
    /// Reminders and their channels (in-app, e-mail, webhooks, group robots), calendar feeds, and the engine's notification port.
    /// Call after the engine and the jobs are added: the engine's port is replaced, and the jobs' start-up comes first.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var delivery = DeliveryOptions.From(configuration);
        services.AddSingleton(ReminderOptions.From(configuration));
        services.AddSingleton(configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions());
        services.AddSingleton(delivery);
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<IReminderPlanning>(sp => sp.GetRequiredService<ReminderPlanner>());
        services.AddSingleton<ReminderSweep>();
        services.AddSingleton(DigestOptions.From(configuration));
        services.AddSingleton<DailyDigest>();
        services.AddTransient<ReminderJob>();
        services.AddTransient<DeliveryJob>();
        services.AddSingleton<IDeliverySender, EmailSender>();
        services.AddSingleton<IDeliverySender, WebhookSender>();
        services.AddSingleton<IDirectMessages, DirectMessages>();
        services.AddRobots(configuration);
        services.AddSms(configuration);
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = delivery.WebhookTimeout);
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<FailedDeliveries>();
        services.AddSingleton<CalendarFeed>();
        services.Replace(ServiceDescriptor.Singleton<INotificationPort, EngineNotifications>());
        services.AddHostedService<ReminderStartup>();
        return services;
    }

    public static IEndpointRouteBuilder MapRemindersApi(this IEndpointRouteBuilder app) => app
        .MapNotificationsApi()
        .MapWebhooksApi()
        .MapRobotsApi()
        .MapShortLinks()
        .MapCalendarApi();
}
