using System.Globalization;
using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;
using Microsoft.Extensions.Primitives;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>
/// Reads a list request's query string. Every problem is reported under the name of the parameter that caused it;
/// unknown parameters are refused rather than ignored (a misspelt filter would otherwise return everything).
/// </summary>
public static class ListQueryParser
{
    public const int MaxTextLength = 256;

    public static readonly string[] Parameters = ["state", "target", "changeKind", "since", "sourceId", "errorCode", "sort", "cursor", "limit", "format"];

    public static (ListQuery? Query, Dictionary<string, string[]> Errors) Parse(
        ListParameters parameters, HttpRequest request, ListKind kind, ReconciliationOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in request.Query.Keys.Where(key => !Parameters.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            errors[key] = [$"Unknown parameter. This list takes: {string.Join(", ", Parameters)}."];
        }

        var states = ParseStates(parameters.State, kind, errors);
        var target = Text(parameters.Target, "target", errors);
        var changeKind = ParseEnum<ChangeKind>(Trimmed(parameters.ChangeKind), "changeKind", errors);
        var since = ParseTime(Trimmed(parameters.Since), "since", errors);
        var sourceId = Text(parameters.SourceId, "sourceId", errors);
        var errorCode = Text(parameters.ErrorCode, "errorCode", errors);
        var sort = ParseSort(Trimmed(parameters.Sort), errors);
        var csv = ParseFormat(Trimmed(parameters.Format), request.Headers.Accept, errors);
        var limit = ParseLimit(Trimmed(parameters.Limit), csv, options, errors);
        var scope = kind.AlwaysTargets || target is not null ? ListScope.Targets : ListScope.Workers;
        var cursor = ParseCursor(Trimmed(parameters.Cursor), sort, scope, errors);

        if (errors.Count > 0) return (null, errors);
        return (new ListQuery
        {
            Scope = scope,
            States = states,
            Target = target,
            ChangeKind = changeKind,
            Since = since,
            SourceId = sourceId,
            ErrorCode = errorCode,
            Sort = sort,
            After = cursor,
            Limit = limit,
            Csv = csv,
        }, errors);
    }

    /// <summary>States, comma-separated (a repeated <c>state</c> parameter arrives joined by commas too).</summary>
    public static IReadOnlyList<WorkerState> ParseStates(string? value, ListKind kind, Dictionary<string, string[]> errors)
    {
        var names = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) return kind.DefaultStates;
        var states = new List<WorkerState>();
        foreach (var name in names)
        {
            if (!Enum.TryParse<WorkerState>(name, ignoreCase: true, out var state) || !Enum.IsDefined(state) || int.TryParse(name, out _) || !kind.AllowedStates.Contains(state))
            {
                errors["state"] = [$"'{Clip(name)}' is not a state this list shows; expected one or more (comma-separated) of: {string.Join(", ", kind.AllowedStates)}."];
                return [];
            }

            if (!states.Contains(state)) states.Add(state);
        }

        return states;
    }

    static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? Text(string? raw, string name, Dictionary<string, string[]> errors)
    {
        var value = Trimmed(raw);
        if (value is not null && value.Length > MaxTextLength)
        {
            errors[name] = [$"Longer than {MaxTextLength} characters."];
            return null;
        }

        if (value is not null && value.Contains('\0'))
        {
            errors[name] = ["Contains a NUL character."];
            return null;
        }

        return value;
    }

    public static T? ParseEnum<T>(string? value, string name, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null) return null;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        errors[name] = [$"'{Clip(value)}' is not valid; expected one of: {string.Join(", ", Enum.GetNames<T>())}."];
        return null;
    }

    public static DateTimeOffset? ParseTime(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
        {
            return since;
        }

        errors[name] = [$"'{Clip(value)}' is not a date and time; use ISO 8601, e.g. 2026-11-26T09:30:00Z."];
        return null;
    }

    static ListSort ParseSort(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null) return ListSort.Default;
        var descending = value.StartsWith('-');
        var field = value.TrimStart('-', '+');
        if (field.Equals("workerId", StringComparison.OrdinalIgnoreCase)) return new ListSort(ListSortField.WorkerId, descending);
        if (field.Equals("updatedAt", StringComparison.OrdinalIgnoreCase)) return new ListSort(ListSortField.UpdatedAt, descending);
        errors["sort"] = [$"'{Clip(value)}' is not a sort; expected workerId, -workerId, updatedAt or -updatedAt."];
        return ListSort.Default;
    }

    static bool ParseFormat(string? value, StringValues accept, Dictionary<string, string[]> errors)
    {
        if (value is null) return accept.Any(header => header?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        if (value.Equals("csv", StringComparison.OrdinalIgnoreCase)) return true;
        if (value.Equals("json", StringComparison.OrdinalIgnoreCase)) return false;
        errors["format"] = [$"'{Clip(value)}' is not a format; expected json or csv."];
        return false;
    }

    static int? ParseLimit(string? value, bool csv, ReconciliationOptions options, Dictionary<string, string[]> errors)
    {
        if (value is null) return csv ? null : Math.Min(options.DefaultPageSize, options.MaxPageSize);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= options.MaxPageSize) return limit;
        errors["limit"] = [$"'{Clip(value)}' is not a page size; expected a whole number from 1 to {options.MaxPageSize}."];
        return null;
    }

    static Cursor? ParseCursor(string? value, ListSort sort, ListScope scope, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        var cursor = Cursor.TryDecode(value);
        if (cursor is null)
        {
            errors["cursor"] = ["Not a cursor this API issued; pass nextCursor from the previous page unchanged."];
            return null;
        }

        var fits = cursor.Sort == sort.ToString()
            && cursor.Scope == scope
            && (scope == ListScope.Workers || cursor.Target is not null)
            && (sort.Field == ListSortField.WorkerId || cursor.UpdatedAt is not null);
        if (!fits)
        {
            errors["cursor"] = ["This cursor belongs to another sort or list; page with the same sort and target as the page it came from."];
            return null;
        }

        return cursor;
    }

    public static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
