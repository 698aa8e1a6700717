namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>What came back for one case: the status (0 when nothing came back in time), the content type, the body, how long it took.</summary>
public sealed record Answer(HostileCase Case, int Status, string? ContentType, string Body, TimeSpan Elapsed, string? TransportError)
{
    /// <summary>Every way the answer breaks the rules; empty when it is right.</summary>
    public List<string> Problems { get; } = [];

    public bool Right => Problems.Count == 0;

    public string StatusClass => Status == 0 ? "none" : $"{Status / 100}xx";

    public override string ToString() =>
        $"{Case} -> {(Status == 0 ? TransportError : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} in {Elapsed.TotalMilliseconds:0} ms " +
        $"(expected {Case.Expect}): {string.Join("; ", Problems)}; body: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
