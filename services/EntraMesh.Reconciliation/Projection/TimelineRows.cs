namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>timeline_entry</c> table, written in bulk.</summary>
public static class TimelineRows
{
    static readonly RowSet<TimelineEntry> Set = new RowSet<TimelineEntry>()
        .Add("source_id", "text", t => t.Worker.SourceId)
        .Add("worker_id", "text", t => t.Worker.WorkerId)
        .Add("target", "text", t => t.Target)
        .Add("revision", "bigint", t => t.Revision)
        .Add("event", "text", t => t.Event)
        .Add("state", "text", t => t.State?.ToString())
        .Add("effect", "text", t => t.Effect.ToString())
        .Add("occurred_at", "timestamptz", t => t.OccurredAt)
        .Add("recorded_at", "timestamptz", t => t.RecordedAt)
        .Add("change_id", "uuid", t => t.ChangeId)
        .Add("message_id", "uuid", t => t.MessageId)
        .Add("trace_id", "text", t => t.TraceId)
        .Add("detail", "text", t => t.DetailJson);

    public static Npgsql.NpgsqlBatchCommand Insert(IReadOnlyList<TimelineEntry> entries)
    {
        var names = string.Join(", ", Set.Names);
        var values = string.Join(", ", Set.Names.Select(name => name == "detail" ? "t.detail::jsonb" : $"t.{name}"));
        return Set.Command($"INSERT INTO timeline_entry ({names}) SELECT {values} FROM {Set.Unnest("t")}", "t", entries);
    }
}
