using EntraMesh.Contracts;
using EntraMesh.Mapping.Tests.Support;

namespace EntraMesh.Mapping.Tests.Planning;

/// <summary>Two replicas competing for one queue: the worker's row lock keeps its revisions from interleaving.</summary>
public sealed class ReplicaPlanningTests(TwoReplicasFixture mapping) : IClassFixture<TwoReplicasFixture>
{
    [Fact]
    public async Task Revisions_of_one_worker_planned_by_two_replicas_never_interleave()
    {
        const int revisions = 30;
        var workers = Enumerable.Range(0, 8).Select(_ => Workers.NewId("replicas")).ToList();
        var now = mapping.Clock.GetUtcNow();
        for (var revision = 1; revision <= revisions; revision++)
        {
            foreach (var worker in workers)
            {
                await mapping.Bus.PublishAsync(Workers.Record(worker, revision, Workers.Employee(worker).With("OfficePhone", $"555-{revision:D4}"), now));
            }
        }

        foreach (var worker in workers) await mapping.Bus.WaitForAsync(worker, revisions);
        await mapping.QuiesceAsync();

        foreach (var worker in workers)
        {
            var planned = mapping.Bus.PlannedFor(worker);
            var stale = mapping.Bus.SkippedFor(worker);
            Assert.Equal(revisions, planned.Count + stale.Count);
            Assert.All(stale, s => Assert.Equal(SkipReason.Stale, s.Reason));
            Assert.Equal(Enumerable.Range(1, revisions).Select(r => (long)r), planned.Select(p => p.Revision).Concat(stale.Select(s => s.Revision)).Order());
            var joiner = Assert.Single(planned, p => p.ChangeKind == ChangeKind.Joiner);
            Assert.All(planned.Where(p => p != joiner), p =>
            {
                Assert.Equal(ChangeKind.Update, p.ChangeKind);
                Assert.True(p.Revision > joiner.Revision);
            });
            Assert.Contains(planned, p => p.Revision == revisions);
            Assert.Equal(revisions, await mapping.ScalarAsync<long>($"SELECT revision FROM mapping.worker_record WHERE worker_id = '{worker}'"));
            Assert.Equal($"555-{revisions:D4}", await mapping.ScalarAsync<string>(
                $"SELECT data->'phoneNumbers'->0->>'value' FROM mapping.planned_identity WHERE worker_id = '{worker}' AND revision = {revisions}"));
        }
    }
}
