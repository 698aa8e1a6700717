namespace EntraMesh.Mapping.Rules.TestCases;

/// <summary>A clock stopped at one instant: what Now() returns in a test case that sets <c>now</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
