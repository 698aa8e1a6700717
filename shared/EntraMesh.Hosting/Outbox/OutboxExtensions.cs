using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EntraMesh.Hosting.Outbox;

public static class OutboxExtensions
{
    /// <summary>The outbox writer, its relay and the inbox clean-up. Called by AddServiceDatabase.</summary>
    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(new MessageTypeRegistry());
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<InboxCleanup>();
        return builder;
    }
}
