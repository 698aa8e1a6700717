using System.Globalization;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.Preview;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// POST /api/rules/preview-population: a candidate rule set (YAML) in; what it would change for every known worker
/// compared with the running rule set out. Nothing is sent, claimed or stored.
/// </summary>
internal static class PopulationPreviewEndpoint
{
    public const int DefaultSamples = 5;
    public const int MaxSamples = 100;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, RuleSetCache cache, PopulationPreviewer previewer, IOptions<RulesOptions> options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, ValidateEndpoint.YamlMediaTypes))
        {
            return Problems.UnsupportedMediaType($"Send the candidate rule set as YAML ({string.Join(", ", ValidateEndpoint.YamlMediaTypes)}), not {request.ContentType}.");
        }

        var samples = DefaultSamples;
        if (request.Query.TryGetValue("samples", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out samples) || samples > MaxSamples))
        {
            return Problems.BadRequest("Invalid query parameter", $"samples must be a whole number from 0 to {MaxSamples} (samples of each change kind per target).",
                new Dictionary<string, object?> { ["field"] = "samples" });
        }

        var (body, problem) = await RequestBody.ReadTextAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body)) return Problems.BadRequest("The body is empty", "The body must be the candidate rule set in YAML.", Field("body"));

        var load = cache.Load(body, "candidate rule set");
        if (!load.Succeeded)
        {
            var first = load.Errors[0];
            return Problems.BadRequest("The candidate rule set is invalid",
                $"The rule set has {load.Errors.Count} error(s); the first at line {first.Line}, column {first.Column} ({first.Path}): {first.Message}",
                new Dictionary<string, object?>
                {
                    ["field"] = "body",
                    ["errors"] = load.Errors.Select(e => new RuleSetErrorResponse(e.Line, e.Column, e.Path, e.Message)).ToList(),
                });
        }

        PopulationPreviewResponse response;
        try
        {
            response = await previewer.PreviewAsync(load.RuleSet!, samples, cancellationToken);
        }
        catch (PopulationPreviewTooSlowException slow)
        {
            PopulationPreviewLog.TooSlow(loggers.CreateLogger(typeof(PopulationPreviewEndpoint)), Problems.PrincipalOf(request), load.RuleSet!.Version, slow.SlowWorkers);
            return TypedResults.Problem(title: "The candidate rule set is too slow to preview", detail: slow.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: Field("body"));
        }

        PopulationPreviewLog.Previewed(loggers.CreateLogger(typeof(PopulationPreviewEndpoint)), Problems.PrincipalOf(request), response.CandidateVersion,
            response.RunningVersion, response.Workers, response.WorkersChanged, response.Invalid.Count, response.ElapsedMilliseconds);
        return TypedResults.Ok(response);
    }

    static Dictionary<string, object?> Field(string name) => new() { ["field"] = name };
}
