using System.Text.Json.Nodes;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// Follows every accepted import to its end: the expected status and row counts, accepted + rejected = read, and a
/// reason for every rejected row (nothing dropped silently).
/// </summary>
public static class ImportVerifier
{
    public static async Task<List<string>> VerifyAsync(HttpClient gateway, CorpusContext context, IEnumerable<Answer> answers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var answer in answers.Where(a => a.Case.Import is not null && a.Status == 202))
        {
            var id = (string?)JsonNode.Parse(answer.Body)?["id"];
            var expected = answer.Case.Import!;
            var job = await WaitAsync(gateway, context, id!, expected.Status, timeout, cancellationToken);
            if (job is null)
            {
                problems.Add($"{answer.Case}: import {id} did not finish within {timeout.TotalSeconds:0} s");
                continue;
            }

            var (status, read, accepted, rejected) = ((string?)job["status"], (long?)job["rowsRead"], (long?)job["rowsAccepted"], (long?)job["rowsRejected"]);
            if (status != expected.Status || accepted != expected.Accepted || rejected != expected.Rejected)
                problems.Add($"{answer.Case}: import ended {status} with {accepted} accepted and {rejected} rejected; expected {expected}. {job.ToJsonString()[..Math.Min(600, job.ToJsonString().Length)]}");
            if (accepted + rejected != read) problems.Add($"{answer.Case}: {read} rows read but {accepted} accepted + {rejected} rejected");
            var errors = job["errors"]?.AsArray() ?? [];
            if (errors.Count != Math.Min(rejected ?? 0, 100) || errors.Any(e => string.IsNullOrWhiteSpace((string?)e?["reason"])))
                problems.Add($"{answer.Case}: {rejected} rows rejected but {errors.Count} errors listed, or one without a reason");
        }

        return problems;
    }

    static async Task<JsonNode?> WaitAsync(HttpClient gateway, CorpusContext context, string id, string expectedStatus, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var request = context.Operator(HttpMethod.Get, $"/api/imports/{id}");
            using var response = await gateway.SendAsync(request, cancellationToken);
            var job = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var status = (string?)job?["status"];
            if ((bool?)job?["done"] == true || (status == expectedStatus && expectedStatus == "AwaitingConfirmation")) return job;
            await Task.Delay(250, cancellationToken);
        }

        return null;
    }
}
