using System.Data.Common;
using System.Runtime.CompilerServices;
using EntraMesh.Reconciliation.Projection;
using Npgsql;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>Lists with keyset paging: each page continues strictly after the previous page's last sort key.</summary>
public sealed class ListReader(NpgsqlDataSource dataSource)
{
    const string WorkerColumns =
        "source_id, worker_id, NULL::text AS target, revision, state, change_kind, accepted_at, NULL::timestamptz AS submitted_at, " +
        "NULL::timestamptz AS completed_at, NULL::timestamptz AS stuck_at, error_code, error_reason, skip_reason, skip_detail, " +
        "held_until, targets, updated_at, trace_id";

    const string TargetColumns =
        "source_id, worker_id, target, revision, state, change_kind, accepted_at, submitted_at, completed_at, stuck_at, " +
        "error_code, error_reason, skip_reason, skip_detail, held_until, NULL::text[] AS targets, updated_at, trace_id";

    public async Task<ListPage> PageAsync(ListQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? throw new ArgumentException("A page needs a limit.", nameof(query));
        var items = new List<ListItem>(limit + 1);
        await foreach (var item in StreamAsync(query, limit + 1, cancellationToken)) items.Add(item);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = CursorAfter(items[^1], query).Encode();
        }

        return new ListPage(items, next, limit, query.Sort.ToString());
    }

    public async IAsyncEnumerable<ListItem> StreamAsync(ListQuery query, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Build(query, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return Read(reader);
    }

    public static Cursor CursorAfter(ListItem item, ListQuery query) =>
        new(query.Sort.ToString(), query.Scope, query.Sort.Field == ListSortField.UpdatedAt ? item.UpdatedAt : null, item.SourceId, item.WorkerId, item.Target);

    NpgsqlCommand Build(ListQuery query, int max)
    {
        var command = dataSource.CreateCommand();
        var targets = query.Scope == ListScope.Targets;
        // Within one target (source, worker) is unique: leaving target out of the key lets the indexes serve the range.
        var withTargetKey = targets && query.Target is null;
        var keyColumns = withTargetKey ? new[] { "source_id", "worker_id", "target" } : ["source_id", "worker_id"];
        var sortColumns = query.Sort.Field == ListSortField.UpdatedAt ? ["updated_at", .. keyColumns] : keyColumns;
        var conditions = new List<string>();

        void Where(string condition, string name, object value)
        {
            conditions.Add(condition);
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        if (query.States.Count > 0) Where("state = ANY(@states)", "states", query.States.Select(state => state.ToString()).ToArray());
        if (targets && query.Target is not null) Where("target = @target", "target", query.Target);
        if (query.ChangeKind is { } kind) Where("change_kind = @kind", "kind", kind.ToString());
        if (query.Since is { } since) Where("updated_at >= @since", "since", since);
        if (query.SourceId is not null) Where("source_id = @source", "source", query.SourceId);
        if (query.ErrorCode is not null) Where("error_code = @error", "error", query.ErrorCode);
        if (query.After is { } after)
        {
            var values = new List<string>();
            if (query.Sort.Field == ListSortField.UpdatedAt)
            {
                values.Add("@after_updated");
                command.Parameters.Add(new NpgsqlParameter("after_updated", after.UpdatedAt!.Value));
            }

            values.Add("@after_source");
            values.Add("@after_worker");
            command.Parameters.Add(new NpgsqlParameter("after_source", after.SourceId));
            command.Parameters.Add(new NpgsqlParameter("after_worker", after.WorkerId));
            if (withTargetKey)
            {
                values.Add("@after_target");
                command.Parameters.Add(new NpgsqlParameter("after_target", after.Target!));
            }

            conditions.Add($"({string.Join(", ", sortColumns)}) {(query.Sort.Descending ? "<" : ">")} ({string.Join(", ", values)})");
        }

        var direction = query.Sort.Descending ? " DESC" : "";
        command.CommandText =
            $"SELECT {(targets ? TargetColumns : WorkerColumns)} FROM {(targets ? "worker_target" : "worker")}" +
            (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") +
            $" ORDER BY {string.Join(", ", sortColumns.Select(column => column + direction))} LIMIT @max";
        command.Parameters.Add(new NpgsqlParameter("max", max));
        return command;
    }

    static ListItem Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.String(2), r.GetInt64(3), r.State(4), r.Kind(5), r.Time(6), r.Time(7), r.Time(8), r.Time(9),
        r.String(10), r.String(11), r.String(12), r.String(13), r.Time(14), r.IsDBNull(15) ? null : r.GetFieldValue<string[]>(15),
        r.GetFieldValue<DateTimeOffset>(16), r.String(17));
}
