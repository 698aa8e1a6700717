using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// Sends the corpus through the gateway a few requests at a time, one good signed webhook after every
/// <see cref="GoodEvery"/> hostile ones, and judges every answer: never 5xx, never silence, the expected status, a
/// problem document for every 4xx, the expected body for every 2xx.
/// </summary>
public sealed class CorpusRunner(HttpClient gateway, GoodTraffic good, TimeSpan timeout)
{
    public const int GoodEvery = 10;

    public async Task<List<Answer>> RunAsync(IReadOnlyList<HostileCase> cases, int parallelism, CancellationToken cancellationToken)
    {
        var answers = new Answer[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                if (index % GoodEvery == 0) await good.SendAsync(gateway, ct);
                answers[index] = await SendAsync(cases[index], ct);
            });
        return [.. answers];
    }

    async Task<Answer> SendAsync(HostileCase hostile, CancellationToken cancellationToken)
    {
        if (hostile.Before is { } before)
        {
            try
            {
                await before(gateway, cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException or JsonException)
            {
                var failed = new Answer(hostile, 0, null, "", TimeSpan.Zero, "the step before failed");
                failed.Problems.Add("the step before the request failed: " + exception.Message);
                return failed;
            }
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        Answer answer;
        try
        {
            using var request = hostile.Request();
            using var response = await gateway.SendAsync(request, timer.Token);
            var body = await response.Content.ReadAsStringAsync(timer.Token);
            answer = new Answer(hostile, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, watch.Elapsed, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = new Answer(hostile, 0, null, "", watch.Elapsed, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception)
        {
            answer = new Answer(hostile, 0, null, "", watch.Elapsed, "connection failed: " + exception.Message);
        }

        Judge(answer);
        return answer;
    }

    static void Judge(Answer answer)
    {
        var expect = answer.Case.Expect;
        if (answer.Status == 0)
        {
            answer.Problems.Add(answer.TransportError!);
            return;
        }

        if (answer.Status >= 500) answer.Problems.Add($"a server error ({answer.Status})");
        if (!expect.Allows(answer.Status)) answer.Problems.Add($"answered {answer.Status}, expected {expect}");
        if (answer.Status >= 400)
        {
            if (ProblemDocument.Check(answer.Status, answer.ContentType, answer.Body) is { } problem) answer.Problems.Add(problem);
            return;
        }

        if (expect.Body is not { } check) return;
        JsonNode? body;
        try
        {
            body = answer.Body.Length == 0 ? null : JsonNode.Parse(answer.Body);
        }
        catch (JsonException)
        {
            answer.Problems.Add("the 2xx body is not JSON");
            return;
        }

        if (check(body) is { } wrong) answer.Problems.Add(wrong);
    }
}
