using EntraMesh.Mapping.Rules.Preview;

namespace EntraMesh.Mapping.PopulationPreview;

public static class PopulationPreviewExtensions
{
    /// <summary>The population preview (<see cref="PopulationPreviewOptions"/> validated at start).</summary>
    public static IHostApplicationBuilder AddPopulationPreview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PopulationPreviewOptions>()
            .BindConfiguration(PopulationPreviewOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PopulationPreviewer>();
        return builder;
    }

    /// <summary>POST /api/rules/preview-population (behind the gateway).</summary>
    public static IEndpointRouteBuilder MapPopulationPreviewApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rules/preview-population", PopulationPreviewEndpoint.HandleAsync)
            .WithTags("Rules")
            .WithName("PreviewPopulation")
            .WithSummary("Preview what a candidate rule set would change for every known worker")
            .WithDescription("Takes a candidate rule set in YAML and evaluates the last accepted record of every worker mapping knows " +
                "with it and with the running rule set. Answers counts by change kind (Joiner, Mover, Leaver, Rehire, Update) overall and " +
                "per target, how many workers each attribute changes for, moves between targets and between OUs, workers the candidate " +
                "cannot map, and samples of each (query samples, 0-100, default 5). Nothing is sent, claimed or stored.")
            .DocumentsBody<string>(ValidateEndpoint.YamlMediaTypes)
            .Produces<PopulationPreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
