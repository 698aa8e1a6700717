using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Launcher.Sample;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Load;

/// <summary>
/// Uploads a CSV import and follows it to the end. Every upload carries an <c>Idempotency-Key</c> of its own, so one whose
/// answer was lost (the gateway or ingest killed while it was on the wire, a 500) is simply sent again, as an HR system
/// would: ingest answers with the first upload's import when it had registered it, and imports the file once otherwise.
/// </summary>
public sealed class ImportSender(GatewayClient gateway, string apiKey, LoadCounters counters, Action<string> log)
{
    static readonly string[] Columns = Population.Header.Split(',');

    /// <summary>The imports refused, or not answered before the run gave up on them (with the reason).</summary>
    public List<string> AmbiguousUploads { get; } = [];

    public async Task SendAsync(IReadOnlyList<(HrWorker Worker, SentRecord Record)> rows, DateTime giveUpAt, CancellationToken cancellationToken)
    {
        counters.Import(rows.Count);
        var csv = Csv(rows.Select(row => row.Record));
        var key = Guid.NewGuid().ToString("N");
        Guid? id = null;
        for (var attempt = 0; id is null; attempt++)
        {
            counters.ImportAttempt();
            string? lastError;
            try
            {
                id = await UploadAsync(csv, key, cancellationToken);
                break;
            }
            catch (HttpRequestException answered) when (answered.StatusCode is { } status && Attempts.IsTransient(status))
            {
                counters.Failed(Attempts.Cause(status));
                lastError = Attempts.Cause(status);
            }
            catch (HttpRequestException refused) when (refused.StatusCode is not null)
            {
                // A definite refusal (4xx): sending the same file again would be refused again.
                lock (AmbiguousUploads) AmbiguousUploads.Add($"import of {rows.Count} rows (key {key}) refused: {refused.Message}");
                foreach (var (_, record) in rows) Settle(record, RecordOutcome.Undelivered, $"upload refused: {refused.Message}");
                return;
            }
            catch (Exception error) when (Attempts.IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                // The answer was lost: the upload may or may not have been registered. The key makes sending it again safe.
                counters.Failed(Attempts.Cause(error));
                lastError = $"{Attempts.Cause(error)} ({error.Message})";
            }

            if (DateTime.UtcNow > giveUpAt)
            {
                lock (AmbiguousUploads) AmbiguousUploads.Add($"import of {rows.Count} rows (key {key}): no answer after {attempt + 1} attempts, the last {lastError}");
                foreach (var (_, record) in rows) Settle(record, RecordOutcome.Undelivered, $"upload not answered after {attempt + 1} attempts");
                return;
            }

            await Task.Delay(Attempts.Delay(attempt), cancellationToken);
        }

        var done = await FollowAsync(id.Value, giveUpAt, cancellationToken);
        if (done is null)
        {
            lock (AmbiguousUploads) AmbiguousUploads.Add($"import {id} of {rows.Count} rows did not finish in time");
            foreach (var (_, record) in rows) Settle(record, RecordOutcome.Undelivered, $"import {id} did not finish");
            return;
        }

        var rejectedRows = (done["errors"]?.AsArray() ?? []).ToDictionary(error => (long)error!["row"]!, error => (string?)error!["reason"]);
        if ((string?)done["status"] != "Completed" || (long?)done["rowsRead"] != rows.Count)
        {
            log($"import {id} ended {done.ToJsonString()}");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var record = rows[i].Record;
            if (rejectedRows.TryGetValue(i + 1, out var reason)) Settle(record, RecordOutcome.Rejected, $"import {id} row {i + 1}: {reason}");
            else if (i < (long?)done["rowsRead"] && (string?)done["status"] == "Completed") Settle(record, RecordOutcome.Accepted, null);
            else Settle(record, RecordOutcome.Undelivered, $"import {id} ended {done["status"]} after {done["rowsRead"]} rows: {done["error"]}");
        }
    }

    async Task<Guid> UploadAsync(byte[] csv, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/imports?source={MeshLauncher.SampleSource}&mode=delta")
        {
            Content = new ByteArrayContent(csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
        };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await gateway.Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"import upload answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        if (response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"))
        {
            counters.ReplayedImport();
            log($"import upload with key {key} was answered with the import an earlier attempt registered");
        }

        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    /// <summary>Polls the import until it is done; the gateway or ingest being down meanwhile only delays the answer.</summary>
    async Task<JsonNode?> FollowAsync(Guid id, DateTime giveUpAt, CancellationToken cancellationToken)
    {
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                var status = await gateway.GetImportAsync(id, cancellationToken);
                if ((bool?)status["done"] == true) return status;
            }
            catch (Exception error) when (Attempts.IsTransient(error) || error is InvalidOperationException)
            {
                // not answering right now
            }

            await Task.Delay(500, cancellationToken);
        }

        return null;
    }

    static byte[] Csv(IEnumerable<SentRecord> records)
    {
        var text = new StringBuilder(Population.Header).Append("\r\n");
        foreach (var record in records)
        {
            text.AppendJoin(',', Columns.Select(column => Quote(record.Attributes.GetValueOrDefault(column) ?? ""))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    static void Settle(SentRecord record, RecordOutcome outcome, string? reason)
    {
        record.Outcome = outcome;
        record.Reason = reason;
    }
}
