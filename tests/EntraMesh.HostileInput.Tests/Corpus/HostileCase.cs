namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>One request of the corpus: what it attacks, how it is built (at send time, so signatures are fresh), what answers are right.</summary>
public sealed record HostileCase
{
    public required HostileCategory Category { get; init; }

    public required Surface Surface { get; init; }

    public required string Name { get; init; }

    /// <summary>Builds the request (relative to the gateway).</summary>
    public required Func<HttpRequestMessage> Request { get; init; }

    public required Expectation Expect { get; init; }

    /// <summary>What must have happened first (the original delivery a replay repeats); not counted as a corpus request.</summary>
    public Func<HttpClient, CancellationToken, Task>? Before { get; init; }

    /// <summary>Valid records this case delivers that must reach the directory verbatim.</summary>
    public IReadOnlyList<StoredWorker> Stored { get; init; } = [];

    /// <summary>For an accepted CSV import: what the finished import must show (rows accepted, rejected).</summary>
    public ImportOutcome? Import { get; init; }

    public override string ToString() => $"{Surface}/{Category}: {Name}";
}
