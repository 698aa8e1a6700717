using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.Rules.Evaluation;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.RuleSets;
using EntraMesh.Mapping.Rules.TestCases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>
/// Evaluates the last accepted record of every known worker with the running and with a candidate rule set and adds up
/// what would change (<see cref="WorkerComparer"/>). Records are streamed from PostgreSQL and evaluated on several threads,
/// so memory stays flat whatever the population. Both rule sets see the same instant for Now(), the same random draws
/// per worker and the unique values mapping handed out; nothing is claimed, stored or sent. One preview at a time.
/// </summary>
public sealed class PopulationPreviewer(
    NpgsqlDataSource dataSource, RunningRuleSet running, TimeProvider time, IOptions<PopulationPreviewOptions> options)
{
    readonly SemaphoreSlim gate = new(1, 1);

    public async Task<PopulationPreviewResponse> PreviewAsync(RuleSet candidate, int samples, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(candidate, samples, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<PopulationPreviewResponse> RunAsync(RuleSet candidate, int samples, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var current = running.Current;
        var now = time.GetUtcNow();
        var context = new PreviewContext(current, candidate, new FixedTimeProvider(now),
            current.Targets.Concat(candidate.Targets).Any(t => t.SelectsUniqueValues) ? await UniqueValues.LoadAsync(dataSource, cancellationToken) : null);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rows = Channel.CreateBounded<StoredWorker>(new BoundedChannelOptions(4096) { SingleWriter = true });
        var tallies = Enumerable.Range(0, options.Value.Parallelism).Select(_ => new PopulationTally(samples)).ToArray();
        var slow = new SlowEvaluations(options.Value.MaxSlowWorkers);
        var evaluators = tallies.Select(tally => Task.Run(() => EvaluateAsync(rows.Reader, tally, context, slow, cancel), cancel.Token));
        try
        {
            await Task.WhenAll(evaluators.Append(ReadAsync(rows.Writer, cancel)));
        }
        catch (Exception) when (slow.Stopped is { } stopped && !cancellationToken.IsCancellationRequested)
        {
            throw stopped;
        }

        var total = new PopulationTally(samples);
        foreach (var tally in tallies) total.Merge(tally);
        var tests = await RuleTestRunner.RunAsync(candidate, cancellationToken);
        return total.ToResponse(new PopulationPreviewResponse
        {
            RunningVersion = current.Version,
            RunningContentHash = current.ContentHash,
            CandidateVersion = candidate.Version,
            CandidateContentHash = candidate.ContentHash,
            EvaluatedAt = now,
            Workers = 0,
            WorkersChanged = 0,
            Unchanged = 0,
            Changes = new Dictionary<Contracts.ChangeKind, int>(),
            Targets = [],
            TargetMoves = [],
            OuChanges = [],
            OutOfScope = new ScopeCountsResponse(0, 0),
            Invalid = new InvalidResponse(0, []),
            RunningInvalid = 0,
            TestCases = new TestCasesResponse(tests.Count, tests.Where(t => !t.Passed).Select(t => t.Name).ToList()),
            ElapsedMilliseconds = stopwatch.ElapsedMilliseconds,
        });
    }

    async Task ReadAsync(ChannelWriter<StoredWorker> writer, CancellationTokenSource cancel)
    {
        Exception? failure = null;
        try
        {
            await StoredWorker.ReadAllAsync(dataSource, writer, cancel.Token);
        }
        catch (Exception error)
        {
            failure = error;
            await cancel.CancelAsync();
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    static async Task EvaluateAsync(
        ChannelReader<StoredWorker> rows, PopulationTally tally, PreviewContext context, SlowEvaluations slow, CancellationTokenSource cancel)
    {
        try
        {
            await foreach (var row in rows.ReadAllAsync(cancel.Token))
            {
                var record = new WorkerRecord
                {
                    WorkerId = row.Worker.WorkerId,
                    SourceId = row.Worker.SourceId,
                    Attributes = JsonSerializer.Deserialize<Dictionary<string, string?>>(row.Attributes)!,
                    HireDate = row.HireDate,
                    TerminationDate = row.TerminationDate,
                    Terminated = row.Terminated,
                };
                var seed = Seed(row.Worker);
                var started = Stopwatch.GetTimestamp();
                var before = await context.Running.EvaluateAsync(record, context.Options(row.Worker, seed), cancel.Token);
                var after = await context.Candidate.EvaluateAsync(record, context.Options(row.Worker, seed), cancel.Token);
                slow.Observe(row.Worker, Stopwatch.GetElapsedTime(started), after.Selected?.Error);
                tally.Add(row.Worker, WorkerComparer.Compare(before, after, row.PlannedTargets));
            }
        }
        catch
        {
            await cancel.CancelAsync();
            throw;
        }
    }

    /// <summary>A stable seed per worker (FNV-1a), so Guid() and RandomString draw the same values under both rule sets.</summary>
    static int Seed(WorkerKey worker)
    {
        var hash = 2166136261u;
        foreach (var c in worker.SourceId + "\u001f" + worker.WorkerId) hash = (hash ^ c) * 16777619u;
        return unchecked((int)hash);
    }
}
