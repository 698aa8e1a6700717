using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EntraMesh.Mapping.Rules.Expressions;
using EntraMesh.Mapping.Rules.Expressions.Functions;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Scim;

namespace EntraMesh.Mapping.Rules.Evaluation;

/// <summary>Builds the selected target's SCIM data for one record, mapping by mapping.</summary>
internal sealed class TargetBuilder(
    RuleTarget target, string filter, WorkerRecord record, EvaluationContext context, EvaluationOptions options, DateTimeOffset? terminationAt)
{
    const string RedactedText = "[Redact]";

    readonly JsonObject data = ScimData.Create();
    readonly List<ValueProvenance>? values = options.Explain ? [] : null;
    List<string>? creationOnly;
    List<string>? redacted;

    public TargetEvaluation Build()
    {
        try
        {
            Begin();
            foreach (var mapping in target.Mappings)
            {
                context.ResetFlow();
                Enter(mapping.Target.Text, mapping.Source);
                Apply(mapping, mapping.Source.Expression.Evaluate(context));
            }

            return Finish();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return Failed(error);
        }
    }

    public async ValueTask<TargetEvaluation> BuildAsync(UniqueValueCheck isUnique, CancellationToken cancellationToken)
    {
        try
        {
            Begin();
            foreach (var mapping in target.Mappings)
            {
                context.ResetFlow();
                Enter(mapping.Target.Text, mapping.Source);
                var value = mapping.Source.Expression.SelectsUniqueValue
                    ? await SelectUniqueAsync(mapping, isUnique, cancellationToken)
                    : mapping.Source.Expression.Evaluate(context);
                Apply(mapping, value);
            }

            return Finish();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return Failed(error);
        }
    }

    string? currentAttribute;
    LocatedExpression? currentSource;

    void Enter(string attribute, LocatedExpression? source)
    {
        currentAttribute = attribute;
        currentSource = source;
    }

    void Begin() => data["externalId"] = record.WorkerId;

    void Apply(AttributeMapping mapping, Value value)
    {
        var expression = mapping.Source.Expression;
        string? omitted = context.FlowIgnored ? "IgnoreFlowIfNullOrEmpty" : value.IsNull ? "null" : null;
        if (mapping.Target.IsExternalId && (omitted is not null || value.IsNullOrEmpty))
        {
            throw new ExpressionEvaluationException("externalId must have a value: it is the worker's identity in Entra.", expression.Root);
        }

        var node = omitted is null ? ToJson(value, mapping) : null;
        if (node is not null)
        {
            ScimData.Set(data, mapping.Target, node);
            if (mapping.CreationOnly) (creationOnly ??= []).Add(mapping.Target.Text);
            if (expression.IsRedacted) (redacted ??= []).Add(mapping.Target.Text);
        }

        values?.Add(new ValueProvenance
        {
            Attribute = mapping.Target.Text,
            Value = node is null ? null : expression.IsRedacted ? JsonValue.Create(RedactedText) : node.DeepClone(),
            Expression = expression.Text,
            Position = mapping.Source.Position,
            Kind = mapping.Kind,
            Filter = filter,
            Sent = node is not null,
            OmittedBecause = omitted,
            Redacted = expression.IsRedacted,
        });
    }

    async ValueTask<Value> SelectUniqueAsync(AttributeMapping mapping, UniqueValueCheck isUnique, CancellationToken cancellationToken)
    {
        var candidates = mapping.Source.Expression.UniqueValueCandidates;
        foreach (var candidate in candidates)
        {
            var value = context.Evaluate(candidate);
            if (value.IsNullOrEmpty) continue;
            var query = new UniqueValueQuery(target.Name, mapping.Target, value.AsText()!, record.WorkerId, record.SourceId);
            if (await isUnique(query, cancellationToken)) return value;
        }

        throw new ExpressionEvaluationException(
            $"SelectUniqueValue: every one of its {candidates.Count} rules gives a value that is already taken.", mapping.Source.Expression.Root);
    }

    TargetEvaluation Finish()
    {
        var active = DecideActive();
        data["active"] = active;
        string? ou = null;
        if (target.Kind == TargetKind.OnPremises && target.ParentDistinguishedName is { } ouExpression)
        {
            context.ResetFlow();
            Enter(ScimSchemas.ParentDistinguishedName, ouExpression);
            ou = ouExpression.Expression.Evaluate(context).AsText();
            if (string.IsNullOrEmpty(ou) || context.FlowIgnored) ou = null;
            else data[ScimSchemas.EntraMeshExtension] = new JsonObject { [ScimSchemas.ParentDistinguishedName] = ou };
            Explain(ScimSchemas.ParentDistinguishedName, ou is null ? null : JsonValue.Create(ou), ouExpression, ou is null ? "null" : null);
        }

        ScimData.CompleteSchemas(data);
        return new TargetEvaluation
        {
            Target = target,
            InScope = true,
            Selected = true,
            Filter = filter,
            Data = data,
            Active = active,
            ParentDistinguishedName = ou,
            Values = values ?? [],
            CreationOnlyAttributes = creationOnly ?? [],
            RedactedAttributes = redacted ?? [],
        };
    }

    bool DecideActive()
    {
        if (record.Terminated || (terminationAt is { } at && context.Environment.Time.GetUtcNow() >= at))
        {
            Explain("active", JsonValue.Create(false), target.Active, null, record.Terminated ? "(the record is terminated)" : "(the termination date has come)");
            return false;
        }

        if (target.Active is null)
        {
            Explain("active", JsonValue.Create(true), null, null, "(no active expression: active)");
            return true;
        }

        context.ResetFlow();
        Enter("active", target.Active);
        var value = target.Active.Expression.Evaluate(context);
        if (!ConditionFunctions.TryGetTruth(value, out var active))
        {
            throw new ExpressionEvaluationException(
                $"active must evaluate to True or False, got {EvaluationContext.Describe(value.AsText())}.", target.Active.Expression.Root);
        }

        Explain("active", JsonValue.Create(active), target.Active, null);
        return active;
    }

    void Explain(string attribute, JsonNode? value, LocatedExpression? source, string? omitted, string? note = null) =>
        values?.Add(new ValueProvenance
        {
            Attribute = attribute,
            Value = value,
            Expression = source?.Expression.Text ?? note ?? "",
            Position = source?.Position ?? target.Position,
            Filter = filter,
            Sent = value is not null,
            OmittedBecause = omitted,
        });

    static JsonNode ToJson(Value value, AttributeMapping mapping)
    {
        if (mapping.Target.IsBoolean)
        {
            return ConditionFunctions.TryGetTruth(value, out var truth)
                ? JsonValue.Create(truth)
                : throw new ExpressionEvaluationException(
                    $"{mapping.Target.Text} is a boolean: expected True or False, got {EvaluationContext.Describe(value.AsText())}.", mapping.Source.Expression.Root);
        }

        if (value.Kind == ValueKind.List) return new JsonArray([.. value.ListValue.Select(item => (JsonNode?)JsonValue.Create(item))]);
        return JsonValue.Create(value.AsText())!;
    }

    TargetEvaluation Failed(Exception error)
    {
        var attribute = currentAttribute ?? "externalId";
        var source = currentSource;
        var offset = error is ExpressionEvaluationException evaluation ? evaluation.Node.Start : 0;
        var message = error is RegexMatchTimeoutException ? "a regular expression took too long on this record." : error.Message;
        values?.Add(new ValueProvenance
        {
            Attribute = attribute,
            Value = null,
            Expression = source?.Expression.Text ?? "",
            Position = source?.Location.At(offset) ?? target.Position,
            Filter = filter,
            OmittedBecause = "error",
        });
        return new TargetEvaluation
        {
            Target = target,
            InScope = true,
            Selected = true,
            Filter = filter,
            Error = new RuleError(target.Name, attribute, source?.Expression.Text ?? "", source?.Location.At(offset) ?? target.Position, message),
            Values = values ?? [],
        };
    }
}
