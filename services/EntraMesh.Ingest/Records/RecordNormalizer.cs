using System.Globalization;
using EntraMesh.Ingest.Sources;

namespace EntraMesh.Ingest.Records;

/// <summary>Applies a source's configuration to a raw record: aliases, worker id, status, dates.</summary>
public static class RecordNormalizer
{
    /// <summary>Event ids are keys (redeliveries are recognised by them), as bounded as worker ids.</summary>
    public const int MaxEventIdLength = 256;

    static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>Either a normalized record or a rejection naming the field and the reason.</summary>
    public static (NormalizedRecord? Record, RecordRejection? Rejection) Normalize(SourceOptions source, SourceRecord record)
    {
        if (record.EventId is not null && !IsStorable(record.EventId))
            return (null, Reject(record, null, "The event id contains a NUL character or an unpaired surrogate, which cannot be stored."));
        if (record.EventId is { Length: > MaxEventIdLength })
            return (null, Reject(record, null, $"The event id is longer than {MaxEventIdLength} characters."));

        var attributes = new Dictionary<string, string?>(record.Fields.Count, StringComparer.Ordinal);
        foreach (var (name, value) in record.Fields)
        {
            if (!IsStorable(name) || (value is not null && !IsStorable(value)))
                return (null, Reject(record, null, $"Field '{Printable(name)}' contains a NUL character or an unpaired surrogate, which cannot be stored."));

            attributes[source.Aliases.TryGetValue(name, out var alias) ? alias : name] = value;
        }

        attributes.TryGetValue(source.WorkerIdField, out var rawWorkerId);
        var workerId = rawWorkerId?.Trim();
        if (string.IsNullOrEmpty(workerId))
        {
            return (null, Reject(record, null, $"'{source.WorkerIdField}' is missing or empty: a record needs a worker id."));
        }

        if (workerId.Length > 256)
        {
            return (null, Reject(record, null, $"'{source.WorkerIdField}' is longer than 256 characters."));
        }

        if (!TryDate(source.HireDateField, attributes, out var hireDate, out var error)
            || !TryDate(source.TerminationDateField, attributes, out var terminationDate, out error)
            || !TryInstant(source.EffectiveDateField, attributes, out var effectiveAt, out error))
        {
            return (null, Reject(record, workerId, error!));
        }

        var terminated = record.Deleted || IsTerminatedStatus(source, attributes);
        return (new NormalizedRecord(record.EventId, workerId, attributes, terminated, effectiveAt, hireDate, terminationDate, record.Position, record.Line), null);
    }

    /// <summary>The rejection is stored and answered, so its event id is made storable and kept short.</summary>
    static RecordRejection Reject(SourceRecord record, string? workerId, string reason) =>
        new(record.Position, record.Line, record.EventId is null ? null : Truncate(Storable(record.EventId), MaxEventIdLength), workerId, reason);

    /// <summary>NUL characters and unpaired surrogates replaced by U+FFFD.</summary>
    static string Storable(string value)
    {
        if (IsStorable(value)) return value;
        var text = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) text.Append(c).Append(value[++i]);
            else text.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return text.ToString();
    }

    static bool IsTerminatedStatus(SourceOptions source, Dictionary<string, string?> attributes) =>
        source.StatusField is not null
        && attributes.TryGetValue(source.StatusField, out var status)
        && status is not null
        && source.TerminatedStatuses.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase);

    static bool TryDate(string? field, Dictionary<string, string?> attributes, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (field is null || !attributes.TryGetValue(field, out var raw) || string.IsNullOrWhiteSpace(raw)) return true;
        var text = raw.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            date = exact;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            date = DateOnly.FromDateTime(instant.UtcDateTime);
            return true;
        }

        error = $"'{field}' value '{Truncate(text)}' is not a date (expected yyyy-MM-dd).";
        return false;
    }

    static bool TryInstant(string? field, Dictionary<string, string?> attributes, out DateTimeOffset? instant, out string? error)
    {
        instant = null;
        error = null;
        if (field is null || !attributes.TryGetValue(field, out var raw) || string.IsNullOrWhiteSpace(raw)) return true;
        var text = raw.Trim();
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        error = $"'{field}' value '{Truncate(text)}' is not a date-time (expected ISO 8601, e.g. 2026-03-01T00:00:00Z).";
        return false;
    }

    /// <summary>PostgreSQL text and jsonb hold neither NUL nor unpaired UTF-16 surrogates.</summary>
    static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    static string Printable(string name) => Truncate(new string(name.Where(c => c != '\0' && !char.IsSurrogate(c)).ToArray()));

    static string Truncate(string value, int length = 40)
    {
        if (value.Length <= length) return value;
        // Never cut a surrogate pair in two: half a pair cannot be stored.
        var cut = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return value[..cut] + "…";
    }
}
