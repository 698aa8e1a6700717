using System.Net;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Load;

/// <summary>
/// Sends one signed webhook the way a well-behaved HR system does: until it gets a definite answer, with the same event
/// ids on every attempt (signed afresh), so an attempt whose 202 was lost in a crash is answered <c>duplicate</c> the next
/// time instead of being accepted twice.
/// </summary>
public sealed class WebhookSender(GatewayClient gateway, LoadCounters counters, Action<string> log)
{
    public async Task SendAsync(IReadOnlyList<(HrWorker Worker, SentRecord Record)> batch, DateTime giveUpAt, CancellationToken cancellationToken)
    {
        counters.Webhook(batch.Count);
        var changes = batch.Select(item => new WorkerChange(item.Record.EventId!, item.Record.Attributes, item.Record.Deleted)).ToList();
        for (var attempt = 0; ; attempt++)
        {
            counters.WebhookAttempt();
            try
            {
                var (status, body) = await gateway.PostWebhookAsync(MeshLauncher.SampleSource, changes, cancellationToken);
                if (status == HttpStatusCode.Accepted)
                {
                    Record(batch, body);
                    return;
                }

                if (!Attempts.IsTransient(status))
                {
                    var reason = $"webhook answered {(int)status}: {body?.ToJsonString()}";
                    foreach (var (_, record) in batch) Settle(record, RecordOutcome.Rejected, reason: reason);
                    log(reason);
                    return;
                }

                counters.Failed(Attempts.Cause(status));
            }
            catch (Exception error) when (Attempts.IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                counters.Failed(Attempts.Cause(error));
            }

            if (DateTime.UtcNow > giveUpAt)
            {
                foreach (var (_, record) in batch) Settle(record, RecordOutcome.Undelivered, reason: $"no definite answer after {attempt + 1} attempts");
                return;
            }

            await Task.Delay(Attempts.Delay(attempt), cancellationToken);
        }
    }

    static void Record(IReadOnlyList<(HrWorker Worker, SentRecord Record)> batch, JsonNode? body)
    {
        var outcomes = body?["records"]?.AsArray() ?? [];
        foreach (var outcome in outcomes)
        {
            var index = (int?)outcome?["index"] ?? -1;
            if (index < 0 || index >= batch.Count) continue;
            var record = batch[index].Record;
            switch ((string?)outcome?["outcome"])
            {
                case "accepted":
                    Settle(record, RecordOutcome.Accepted, (long?)outcome?["revision"]);
                    break;
                case "duplicate":
                    Settle(record, RecordOutcome.AcceptedEarlier);
                    break;
                default:
                    Settle(record, RecordOutcome.Rejected, reason: (string?)outcome?["reason"] ?? outcome?.ToJsonString());
                    break;
            }
        }

        foreach (var (_, record) in batch.Where(item => item.Record.Outcome == RecordOutcome.Pending))
        {
            Settle(record, RecordOutcome.Rejected, reason: "the 202 answer did not mention this record: " + body?.ToJsonString());
        }
    }

    static void Settle(SentRecord record, RecordOutcome outcome, long? revision = null, string? reason = null)
    {
        record.Outcome = outcome;
        record.Revision = revision;
        record.Reason = reason;
    }
}
