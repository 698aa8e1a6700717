using EntraMesh.Contracts;

namespace EntraMesh.Dispatch.Pending;

/// <summary>
/// A newer change of a worker replaces the one still waiting for the same target; only the newest data is sent.
/// The replacement keeps the most urgent priority of both and the earliest place in line, so coalescing never
/// delays anyone: a pending Leaver followed by an Update of the same (disabled) worker still goes out first.
/// An <see cref="ChangeKind.Update"/> says nothing about the worker's life cycle, so it takes over the kind of the
/// change it replaced (a Joiner not yet sent is still a Joiner when its details change before it goes out).
/// </summary>
public static class Coalescing
{
    public static QueuePlace Merge(QueuePlace replaced, QueuePlace newer) => new(
        Kind: newer.Kind == ChangeKind.Update ? replaced.Kind : newer.Kind,
        Priority: (ChangePriority)Math.Min((int)replaced.Priority, (int)newer.Priority),
        PlannedAt: Min(replaced.PlannedAt, newer.PlannedAt),
        QueuedAt: Min(replaced.QueuedAt, newer.QueuedAt));

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
