namespace EntraMesh.Ingest.Webhooks;

public static class WebhookExtensions
{
    /// <summary>The webhook adapters, one per HR vendor format.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IWebhookAdapter, EntraMeshWebhookAdapter>();
        builder.Services.AddSingleton<IWebhookAdapter, BambooHrWebhookAdapter>();
        return builder;
    }
}
