using EntraMesh.Contracts;
using EntraMesh.Reconciliation.ReadModel;

namespace EntraMesh.Reconciliation.Tests.Unit;

public sealed class OverallStateTests
{
    static WorkerRecord Worker(long revision = 3) => new() { Key = new WorkerKey("workday", "0815"), Revision = revision, BaseState = WorkerState.Accepted };

    static Lane Lane(string target, WorkerState state, ChangeKind kind, long revision = 3, string? errorCode = null) =>
        new() { Target = target, Revision = revision, State = state, Stage = Stage.Decided, ChangeKind = kind, ErrorCode = errorCode };

    [Fact]
    public void What_needs_a_human_comes_first_then_the_least_advanced_change()
    {
        var worker = Worker();
        OverallState.Compute(worker, [Lane("onprem", WorkerState.Succeeded, ChangeKind.Leaver), Lane("cloud", WorkerState.Failed, ChangeKind.Joiner, errorCode: "X")]);
        Assert.Equal((WorkerState.Failed, "X"), (worker.State, worker.ErrorCode));

        OverallState.Compute(worker, [Lane("onprem", WorkerState.Submitted, ChangeKind.Leaver), Lane("cloud", WorkerState.Queued, ChangeKind.Joiner)]);
        Assert.Equal(WorkerState.Queued, worker.State);

        OverallState.Compute(worker, [Lane("onprem", WorkerState.Skipped, ChangeKind.Update), Lane("cloud", WorkerState.Succeeded, ChangeKind.Update)]);
        Assert.Equal(WorkerState.Succeeded, worker.State);
    }

    [Fact]
    public void Targets_of_an_older_revision_do_not_count()
    {
        var worker = Worker(revision: 4);
        OverallState.Compute(worker, [Lane("cloud", WorkerState.Failed, ChangeKind.Joiner, revision: 3)]);

        Assert.Equal(WorkerState.Accepted, worker.State);
        Assert.Empty(worker.Targets);
    }

    [Fact]
    public void Target_whose_change_stands_for_the_current_revision_decides_as_if_it_belonged_to_it()
    {
        var failed = Lane("cloud", WorkerState.Failed, ChangeKind.Joiner, revision: 1, errorCode: "AzureActiveDirectoryDuplicateUserPrincipalName");
        failed.UnchangedThrough = 3;

        var worker = Worker(revision: 3);
        OverallState.Compute(worker, [failed]);
        Assert.Equal((WorkerState.Failed, "AzureActiveDirectoryDuplicateUserPrincipalName", ChangeKind.Joiner), (worker.State, worker.ErrorCode, worker.ChangeKind));
        Assert.Equal(["cloud"], worker.Targets);

        var later = Worker(revision: 4);
        OverallState.Compute(later, [failed]);
        Assert.Equal(WorkerState.Accepted, later.State);
        Assert.Empty(later.Targets);
    }

    [Theory]
    [InlineData(new[] { ChangeKind.Leaver, ChangeKind.Joiner }, ChangeKind.Mover)]
    [InlineData(new[] { ChangeKind.Rehire, ChangeKind.Leaver }, ChangeKind.Mover)]
    [InlineData(new[] { ChangeKind.Update, ChangeKind.Leaver }, ChangeKind.Leaver)]
    [InlineData(new[] { ChangeKind.Update, ChangeKind.Mover }, ChangeKind.Mover)]
    [InlineData(new[] { ChangeKind.Update }, ChangeKind.Update)]
    public void One_change_kind_for_the_worker(ChangeKind[] kinds, ChangeKind expected) =>
        Assert.Equal(expected, OverallState.OverallKind(kinds.Select(kind => (ChangeKind?)kind)));
}
