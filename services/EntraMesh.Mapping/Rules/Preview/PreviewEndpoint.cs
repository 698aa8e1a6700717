using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;
using Microsoft.Extensions.Options;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>
/// POST /api/rules/preview: one record (and optionally a candidate rule set) in; the worker's target, the SCIM data as it
/// would be sent, and for each value the filter and expression that produced it, out. Nothing is sent anywhere.
/// </summary>
internal static class PreviewEndpoint
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<IResult> HandleAsync(
        HttpRequest request, RunningRuleSet running, RuleSetCache cache, TimeProvider time, IOptions<RulesOptions> options,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType($"Send the preview request as application/json, not {request.ContentType}.");
        }

        var (text, problem) = await RequestBody.ReadTextAsync(request, options.Value.MaxRequestBytes, cancellationToken);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(text)) return Problems.BadRequest("The body is empty", "The body must be a preview request: { \"record\": { ... } }.");

        PreviewRequest? body;
        try
        {
            body = JsonSerializer.Deserialize<PreviewRequest>(text, Json);
        }
        catch (JsonException error)
        {
            return Problems.BadRequest("The body is not a valid preview request",
                $"Invalid JSON at {error.Path ?? "$"} (line {error.LineNumber + 1}): {error.Message}",
                new Dictionary<string, object?> { ["field"] = error.Path });
        }

        var invalid = Check(body);
        if (invalid is not null) return invalid;

        var ruleSet = running.Current;
        var source = "running";
        if (body!.RuleSet is { } candidate)
        {
            var load = cache.Load(candidate, "candidate rule set");
            if (!load.Succeeded)
            {
                var first = load.Errors[0];
                return Problems.BadRequest("The candidate rule set is invalid",
                    $"ruleSet has {load.Errors.Count} error(s); the first at line {first.Line}, column {first.Column} ({first.Path}): {first.Message}",
                    new Dictionary<string, object?>
                    {
                        ["field"] = "ruleSet",
                        ["errors"] = load.Errors.Select(e => new RuleSetErrorResponse(e.Line, e.Column, e.Path, e.Message)).ToList(),
                    });
            }

            ruleSet = load.RuleSet!;
            source = "candidate";
        }

        var evaluation = await ruleSet.EvaluateAsync(ToRecord(body.Record!), Options(body, time), cancellationToken);
        RulesLog.Previewed(loggers.CreateLogger(typeof(PreviewEndpoint)), evaluation.WorkerId, Problems.PrincipalOf(request), ruleSet.Version, evaluation.Selected?.Name);
        return TypedResults.Ok(ToResponse(evaluation, ruleSet, source));
    }

    static IResult? Check(PreviewRequest? body)
    {
        const string title = "The preview request is incomplete";
        if (body?.Record is null) return Problems.BadRequest(title, "record is required: the worker record to preview.", Field("record"));
        if (string.IsNullOrWhiteSpace(body.Record.WorkerId)) return Problems.BadRequest(title, "record.workerId is required.", Field("record.workerId"));
        if (body.Record.Attributes is null)
        {
            return Problems.BadRequest(title, "record.attributes is required: an object of attribute names to values.", Field("record.attributes"));
        }

        return body.RuleSet is { } candidate && string.IsNullOrWhiteSpace(candidate)
            ? Problems.BadRequest(title, "ruleSet is empty: leave it out to preview with the running rule set.", Field("ruleSet"))
            : null;
    }

    static Dictionary<string, object?> Field(string name) => new() { ["field"] = name };

    static WorkerRecord ToRecord(PreviewRecord record) => new()
    {
        WorkerId = record.WorkerId!,
        SourceId = string.IsNullOrWhiteSpace(record.SourceId) ? "preview" : record.SourceId,
        Attributes = new Dictionary<string, string?>(record.Attributes!, StringComparer.Ordinal),
        HireDate = record.HireDate,
        TerminationDate = record.TerminationDate,
        Terminated = record.Terminated,
    };

    static EvaluationOptions Options(PreviewRequest body, TimeProvider time)
    {
        var taken = new HashSet<string>(body.TakenValues ?? [], StringComparer.Ordinal);
        return new EvaluationOptions
        {
            Environment = new EvaluationEnvironment(body.Now is { } now ? new FixedTimeProvider(now) : time, Randomness.Secure),
            IsUnique = (query, _) => ValueTask.FromResult(!taken.Contains(query.Value)),
            Explain = true,
        };
    }

    static PreviewResponse ToResponse(RuleEvaluation evaluation, RuleSet ruleSet, string source)
    {
        var selected = evaluation.Selected;
        return new PreviewResponse
        {
            RuleSetVersion = ruleSet.Version,
            RuleSetSource = source,
            Target = selected?.Name,
            Kind = selected?.Kind,
            Filter = selected?.Filter,
            Active = selected?.Active,
            ParentDistinguishedName = selected?.ParentDistinguishedName,
            Data = selected?.Data is { } data ? Redacted(data, selected.RedactedAttributes) : null,
            Error = selected?.Error is { } error
                ? new PreviewErrorResponse(error.Attribute, error.Expression, error.Position.Line, error.Position.Column, error.Message)
                : null,
            Values = selected?.Values.Select(v => new PreviewValueResponse
            {
                Attribute = v.Attribute,
                Value = v.Value?.DeepClone(),
                Sent = v.Sent,
                OmittedBecause = v.OmittedBecause,
                Expression = v.Expression,
                Kind = v.Kind,
                Line = v.Position.Line,
                Column = v.Position.Column,
                Filter = v.Filter,
                Redacted = v.Redacted,
            }).ToList() ?? [],
            Targets = evaluation.Targets.Select(t => new PreviewTargetResponse(t.Name, t.Kind, t.InScope, t.Selected, t.Filter)).ToList(),
            CreationOnlyAttributes = selected?.CreationOnlyAttributes ?? [],
            ProvisionFrom = evaluation.ProvisionFrom,
            TerminationAt = evaluation.TerminationAt,
        };
    }

    /// <summary>The data as it would be sent, except that values computed through Redact read [Redact].</summary>
    static JsonObject Redacted(JsonObject data, IReadOnlyList<string> redacted)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var attribute in redacted)
        {
            if (ScimPath.Parse(attribute).Path is { } path) ScimData.Set(copy, path, JsonValue.Create("[Redact]"));
        }

        return copy;
    }
}
