using System.Text.Json.Nodes;
using EntraMesh.Launcher.Mesh;
using static EntraMesh.HostileInput.Tests.Corpus.Records;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// Injection-laden and tricky text sent as data through a signed webhook: in names (stored verbatim in the directory),
/// attribute names, event ids and worker ids; then the worker looked up through the ops API by that id.
/// </summary>
public static class InjectionDataCases
{
    const string Source = MeshLauncher.SampleSource;

    public static IEnumerable<HostileCase> All(CorpusContext context)
    {
        foreach (var (name, text) in Payloads.AllValid)
        {
            var category = Payloads.HugeNumbers.Any(p => p.Name == name) ? HostileCategory.Oversized : HostileCategory.Injection;
            var row = Contractor(context.NewWorkerId(), text, "Payload", text).With(("JobTitle", text));
            yield return Webhook(category, $"{name} in names and title", context, row) with { Stored = [Stored(row)] };

            var extra = Contractor(context.NewWorkerId()).With((text, "value"));
            yield return Webhook(category, $"{name} as an attribute name", context, extra);

            var eventId = text + " " + Guid.NewGuid();
            yield return new HostileCase
            {
                Category = category,
                Surface = Surface.EntraMeshWebhook,
                Name = $"{name} as the event id",
                Request = () => context.SignedWebhook(Source, Records.Webhook(eventId, Contractor(context.NewWorkerId()))),
                // Event ids are keys, not data: longer than 256 characters is refused per record, like worker ids.
                Expect = Expectation.Accepted(202, eventId.Trim().Length <= 256 ? WebhookAnswer.OneAccepted : WebhookAnswer.OneRejected("event id")),
            };

            var workerId = text.Trim();
            var valid = workerId.Length is > 0 and <= 256;
            yield return new HostileCase
            {
                Category = category,
                Surface = Surface.EntraMeshWebhook,
                Name = $"{name} as the worker id",
                Request = () => context.SignedWebhook(Source, Records.Webhook("id-" + Guid.NewGuid(), Contractor(text))),
                Expect = Expectation.Accepted(202, valid ? WebhookAnswer.OneAccepted : WebhookAnswer.OneRejected("256")),
            };

            if (!valid) continue;
            if (workerId.Contains("%2f", StringComparison.OrdinalIgnoreCase))
            {
                // Known limitation: ASP.NET Core routing turns an escaped slash in a route value into '/', so a worker id
                // that holds the text "%2f" is looked up as another id and is answered 404 (docs/reliability.md).
                yield return new HostileCase
                {
                    Category = category,
                    Surface = Surface.OpsApi,
                    Name = $"{name} as the worker id of a lookup (known limitation: looked up as another id)",
                    Request = () => context.Operator(HttpMethod.Get, WorkerPath(workerId)),
                    Expect = Expectation.Refused(404),
                };
                continue;
            }

            yield return new HostileCase
            {
                Category = category,
                Surface = Surface.OpsApi,
                Name = $"{name} as the worker id of a lookup",
                Request = () => context.Operator(HttpMethod.Get, WorkerPath(workerId)),
                Expect = Expectation.Accepted(200, body => (string?)body?["workerId"] == workerId ? null : $"the answer names worker {body?["workerId"]}"),
                Before = (http, ct) => DeliverAndWaitAsync(context, http, text, ct),
            };
        }
    }

    static HostileCase Webhook(HostileCategory category, string name, CorpusContext context, IReadOnlyDictionary<string, string?> row) => new()
    {
        Category = category,
        Surface = Surface.EntraMeshWebhook,
        Name = name,
        Request = () => context.SignedWebhook(Source, Records.Webhook("data-" + Guid.NewGuid(), row)),
        Expect = Expectation.Accepted(202, WebhookAnswer.OneAccepted),
    };

    public static string WorkerPath(string workerId) =>
        $"/api/reconciliation/workers/{Source}/{Uri.EscapeDataString(workerId)}";

    /// <summary>Delivers a record for <paramref name="workerId"/> and waits until reconciliation knows the worker.</summary>
    static async Task DeliverAndWaitAsync(CorpusContext context, HttpClient http, string workerId, CancellationToken cancellationToken)
    {
        using (var delivery = context.SignedWebhook(Source, Records.Webhook("lookup-" + Guid.NewGuid(), Contractor(workerId))))
        using (var accepted = await http.SendAsync(delivery, cancellationToken))
        {
            var answer = await accepted.Content.ReadAsStringAsync(cancellationToken);
            if ((int)accepted.StatusCode != 202 || (int?)JsonNode.Parse(answer)?["accepted"] != 1)
                throw new InvalidOperationException($"the delivery was answered {(int)accepted.StatusCode}: {answer}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var lookup = context.Operator(HttpMethod.Get, WorkerPath(workerId.Trim()));
            using var response = await http.SendAsync(lookup, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode == 200 && JsonNode.Parse(body)?["state"] is not null) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"reconciliation did not learn of the worker within 60 s; the lookup answers {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
            await Task.Delay(250, cancellationToken);
        }
    }
}
