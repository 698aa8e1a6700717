namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>invalid_event</c> table.</summary>
public static class InvalidEventRows
{
    static readonly RowSet<InvalidEvent> Set = new RowSet<InvalidEvent>()
        .Add("message_id", "uuid", e => e.MessageId)
        .Add("consumer", "text", e => e.Consumer)
        .Add("message_type", "text", e => e.MessageType)
        .Add("reason", "text", e => e.Reason)
        .Add("received_at", "timestamptz", e => e.ReceivedAt)
        .Add("trace_id", "text", e => e.TraceId)
        .Add("detail", "text", e => e.DetailJson);

    public static Npgsql.NpgsqlBatchCommand Insert(IReadOnlyList<InvalidEvent> events)
    {
        var names = string.Join(", ", Set.Names);
        var values = string.Join(", ", Set.Names.Select(name => name == "detail" ? "i.detail::jsonb" : $"i.{name}"));
        return Set.Command($"INSERT INTO invalid_event ({names}) SELECT {values} FROM {Set.Unnest("i")} ON CONFLICT DO NOTHING", "i", events);
    }
}
