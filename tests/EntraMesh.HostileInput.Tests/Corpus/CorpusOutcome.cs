using System.Diagnostics;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>The corpus run and everything checked after it: answers, imports, the directory, the processes.</summary>
public sealed record CorpusOutcome(
    IReadOnlyList<Answer> Answers,
    IReadOnlyList<string> ImportProblems,
    IReadOnlyList<string> DirectoryProblems,
    IReadOnlyList<string> GoodTrafficProblems,
    IReadOnlyList<string> Crashed,
    int GoodSent,
    IReadOnlyCollection<IReadOnlyDictionary<string, string?>> GoodRows,
    string Report)
{
    /// <summary>Requests in flight at once (the machine has 2 cores shared with others).</summary>
    const int Parallelism = 4;

    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<HostileCase> Build(CorpusContext context) =>
    [
        .. EntraMeshWebhookCases.All(context), .. InjectionDataCases.All(context), .. BambooHrCases.All(context),
        .. ImportCases.All(context), .. RulesCases.All(context), .. OpsApiCases.All(context),
    ];

    public static async Task<CorpusOutcome> RunAsync(HostileMesh mesh)
    {
        var context = new CorpusContext(mesh.Mesh.Secrets.WebhookSecret, mesh.Mesh.Secrets.OperatorApiKey, firstWorkerId: 400_000);
        var cases = Build(context);
        var good = new GoodTraffic(context);
        using var gateway = new HttpClient { BaseAddress = mesh.Mesh.GatewayUrl, Timeout = Timeout.InfiniteTimeSpan };
        var watch = Stopwatch.StartNew();
        var answers = await new CorpusRunner(gateway, good, RequestTimeout).RunAsync(cases, Parallelism, CancellationToken.None);
        var elapsed = watch.Elapsed;

        var imports = await ImportVerifier.VerifyAsync(gateway, context, answers, TimeSpan.FromSeconds(90), CancellationToken.None);
        var stored = answers.Where(a => a.Status is >= 200 and < 300).SelectMany(a => a.Case.Stored.Select(w => (a.Case.ToString(), w)))
            .Concat(good.Sent.Select(w => ("good traffic", w)))
            .ToList();
        var directory = await DirectoryVerifier.VerifyAsync(mesh.Emulator, stored, TimeSpan.FromSeconds(120), CancellationToken.None);
        var crashed = await mesh.CrashedServicesAsync();
        var report = CorpusReport.Markdown(answers, good.Sent.Count, elapsed)
            + CorpusReport.Afterwards(answers.Count(a => a.Case.Import is not null && a.Status == 202), imports.Count, good.Rows.Count, good.Sent.Count,
                stored.Count - good.Sent.Count, directory.Count, crashed.Count);
        return new CorpusOutcome(answers, imports, directory, [.. good.Failures], crashed, good.Sent.Count, good.Rows, report);
    }
}
