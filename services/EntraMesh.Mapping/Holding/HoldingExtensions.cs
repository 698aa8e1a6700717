namespace EntraMesh.Mapping.Holding;

public static class HoldingExtensions
{
    /// <summary>The releaser of held changes (<see cref="HoldingOptions"/> validated at start).</summary>
    public static IHostApplicationBuilder AddHolding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HoldingOptions>()
            .BindConfiguration(HoldingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<HeldChangeReleaser>();
        return builder;
    }
}
