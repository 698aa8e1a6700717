using System.Text.RegularExpressions;
using EntraMesh.Ingest.Webhooks;
using Microsoft.Extensions.Options;

namespace EntraMesh.Ingest.Sources;

/// <summary>Checks every <c>Sources:N</c> entry at start and names the wrong setting.</summary>
public sealed partial class SourcesOptionsValidator(IHostEnvironment environment, IConfiguration configuration, IEnumerable<IWebhookAdapter> adapters)
    : IValidateOptions<SourcesOptions>
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex SourceId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?$")]
    private static partial Regex QualifiedIdentifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();

    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var errors = new List<string>();
        var formats = adapters.Select(adapter => adapter.Format).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.Sources.Count; index++)
        {
            var source = options.Sources[index];
            var key = $"{SourcesOptions.Section}:{index}";
            if (!SourceId().IsMatch(source.Id))
                errors.Add($"{key}:Id must be a lower-case id of letters, digits and '-' (got '{source.Id}').");
            else if (!seen.Add(source.Id))
                errors.Add($"{key}:Id '{source.Id}' is configured twice.");
            if (string.IsNullOrWhiteSpace(source.WorkerIdField))
                errors.Add($"{key}:WorkerIdField is required: the field that carries the worker id.");
            if (source.StatusField is null && source.TerminatedStatuses.Count > 0)
                errors.Add($"{key}:TerminatedStatuses needs {key}:StatusField.");
            if (source.SnapshotTerminationThreshold is < 0 or > 1)
                errors.Add($"{key}:SnapshotTerminationThreshold must be between 0 and 1.");
            if (!string.IsNullOrEmpty(source.WebhookFormat))
            {
                if (!formats.Contains(source.WebhookFormat))
                    errors.Add($"{key}:WebhookFormat '{source.WebhookFormat}' is unknown; known formats: {string.Join(", ", formats)}.");
                var hasSecret = source.Secrets.Any(s => !string.IsNullOrEmpty(s))
                    || source.SecretKeys.Any(k => !string.IsNullOrEmpty(configuration[k]));
                if (!hasSecret && !environment.IsDevelopment())
                    errors.Add($"{key}:Secrets is required for a webhook source: set {SourcesOptions.Section}__{index}__Secrets__0 (environment or mounted secret file) or name a key in {key}:SecretKeys.");
                foreach (var secretKey in source.SecretKeys.Where(k => string.IsNullOrEmpty(configuration[k])))
                    errors.Add($"{key}:SecretKeys names '{secretKey}', which has no value.");
            }

            if (source.Sql is { } sql)
            {
                ValidateSql(sql, $"{key}:Sql", errors);
                if (sql.KeyColumn is null && !Identifier().IsMatch(source.WorkerIdField))
                    errors.Add($"{key}:Sql:KeyColumn is required: {key}:WorkerIdField '{source.WorkerIdField}' is not a column name.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    void ValidateSql(SqlSourceOptions sql, string key, List<string> errors)
    {
        if (string.IsNullOrEmpty(sql.ConnectionStringKey) || string.IsNullOrEmpty(configuration[sql.ConnectionStringKey]))
            errors.Add($"{key}:ConnectionStringKey must name a configuration key that holds the connection string (got '{sql.ConnectionStringKey}').");
        if (!QualifiedIdentifier().IsMatch(sql.Table))
            errors.Add($"{key}:Table must be a table or view name, optionally schema-qualified (got '{sql.Table}').");
        if (!Identifier().IsMatch(sql.WatermarkColumn))
            errors.Add($"{key}:WatermarkColumn must be a column name (got '{sql.WatermarkColumn}').");
        if (sql.KeyColumn is not null && !Identifier().IsMatch(sql.KeyColumn))
            errors.Add($"{key}:KeyColumn must be a column name (got '{sql.KeyColumn}').");
        if (sql.BatchSize is < 1 or > 10_000)
            errors.Add($"{key}:BatchSize must be between 1 and 10000.");
        if (sql.PollInterval < TimeSpan.FromMilliseconds(50))
            errors.Add($"{key}:PollInterval must be at least 50 ms.");
        if (sql.SettleTime < TimeSpan.Zero)
            errors.Add($"{key}:SettleTime must not be negative.");
    }
}
