using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EntraMesh.Hosting.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ: kebab-case endpoint names, one consumer per queue, one shared short in-memory retry
    /// policy (validation failures are not retried) inside a longer one that only rides out outages of PostgreSQL or a
    /// peer (<see cref="OutageRetry"/>), faults to <c>_error</c> queues, quorum queues by configuration.
    /// The bus reports to <c>/health/ready</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString ??= configuration.GetConnectionString(MessagingOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .Validate(options => options.ConnectionString is null || Uri.TryCreate(options.ConnectionString, UriKind.Absolute, out _),
                "ConnectionStrings:rabbitmq must be an absolute amqp:// or amqps:// URI.")
            .ValidateOnStart();

        builder.Services.AddOptions<MassTransitHostOptions>()
            .Configure<IOptions<MessagingOptions>>((host, messaging) =>
            {
                host.WaitUntilStarted = messaging.Value.WaitUntilStarted;
                host.StartTimeout = TimeSpan.FromSeconds(60);
                host.StopTimeout = TimeSpan.FromSeconds(30);
            });

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 reports usage to usage-tracking.masstransit.io unless told not to; the services talk only to
            // the broker, their database and Entra (and a cluster without egress logged a failed call at every start).
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                var outage = OutageRetry.Intervals(options.OutageRetryWindow);
                if (outage.Length > 0)
                {
                    // Outer: rides out a database or peer outage. MassTransit uses the retry policy closest to the consumer that
                    // handles an exception, so the short policy below leaves outages to this one.
                    endpoint.UseMessageRetry(retry =>
                    {
                        retry.Intervals(outage);
                        retry.Handle<Exception>(OutageRetry.IsOutage);
                    });
                }

                if (options.EffectiveRetryIntervals.Length > 0)
                {
                    endpoint.UseMessageRetry(retry =>
                    {
                        retry.Intervals(options.EffectiveRetryIntervals);
                        retry.Ignore<ValidationException>();
                        if (outage.Length > 0) retry.Ignore<Exception>(OutageRetry.IsOutage);
                    });
                }

                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.PrefetchCount;
                    if (options.QuorumQueues) rabbit.SetQuorumQueue();
                }
            });

            configure?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                rabbit.Host(new Uri(options.ConnectionString!), host =>
                {
                    if (!string.IsNullOrEmpty(options.Username)) host.Username(options.Username);
                    if (!string.IsNullOrEmpty(options.Password)) host.Password(options.Password);
                });
                rabbit.UseEventBatchEntityNames();
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }
}
