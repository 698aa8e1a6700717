using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>POST /api/rules/validate: a rule set (YAML) in, every error with its position and every test-case result out.</summary>
internal static class ValidateEndpoint
{
    public static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    public static async Task<IResult> HandleAsync(
        HttpRequest request, RuleSetCache cache, IOptions<RulesOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, YamlMediaTypes))
        {
            return Problems.UnsupportedMediaType($"Send the rule set as YAML ({string.Join(", ", YamlMediaTypes)}), not {request.ContentType}.");
        }

        var (text, problem) = await RequestBody.ReadTextAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(text)) return Problems.BadRequest("The body is empty", "The body must be a rule set in YAML.");

        var load = cache.Load(text, "rule set");
        var tests = load.RuleSet is null ? [] : await RuleTestRunner.RunAsync(load.RuleSet, cancellationToken);
        var validation = new RuleSetValidation(load.RuleSet, load.Errors, tests);
        RulesLog.RuleSetValidated(loggers.CreateLogger(typeof(ValidateEndpoint)), load.RuleSet?.Version, Problems.PrincipalOf(request),
            validation.Errors.Count, tests.Count(t => !t.Passed), tests.Count);
        return TypedResults.Ok(ToResponse(validation));
    }

    static ValidationResponse ToResponse(RuleSetValidation validation) => new()
    {
        Valid = validation.Valid,
        Version = validation.RuleSet?.Version,
        ContentHash = validation.RuleSet?.ContentHash,
        Targets = validation.RuleSet?.Targets
            .Select(t => new TargetSummaryResponse(t.Name, t.Kind, t.Scope.Filters.Select(f => f.Name).ToList(), t.Mappings.Count))
            .ToList() ?? [],
        Errors = validation.Errors.Select(e => new RuleSetErrorResponse(e.Line, e.Column, e.Path, e.Message)).ToList(),
        Tests = validation.Tests
            .Select(t => new RuleTestResponse(t.Name, t.Position.Line, t.Passed,
                t.Failures.Select(f => new RuleTestFailureResponse(f.Position.Line, f.Position.Column, f.Message)).ToList()))
            .ToList(),
    };
}
