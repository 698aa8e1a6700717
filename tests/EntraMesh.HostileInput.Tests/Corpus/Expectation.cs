using System.Text.Json.Nodes;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>
/// The answers a case may get. A 4xx must be one of <see cref="Statuses"/> and a problem document; a 2xx (valid input
/// that looks hostile) must be one of them too, and <see cref="Body"/> says what its body must show.
/// </summary>
public sealed record Expectation(IReadOnlySet<int> Statuses, Func<JsonNode?, string?>? Body = null)
{
    /// <summary>Refused with one of <paramref name="statuses"/> (all 4xx) and a problem document.</summary>
    public static Expectation Refused(params int[] statuses) => new(statuses.ToHashSet());

    /// <summary>Valid input: answered <paramref name="status"/>; <paramref name="body"/> returns what is wrong with the body, or null.</summary>
    public static Expectation Accepted(int status, Func<JsonNode?, string?>? body = null) => new(new HashSet<int> { status }, body);

    /// <summary>
    /// Either answer is right (e.g. a UTF-8 byte order mark before JSON, which RFC 8259 lets a parser accept or refuse);
    /// a 2xx must still pass <paramref name="body"/>.
    /// </summary>
    public static Expectation AcceptedOrRefused(int accepted, Func<JsonNode?, string?>? body, params int[] refused) =>
        new(refused.Append(accepted).ToHashSet(), body);

    public bool Allows(int status) => Statuses.Contains(status);

    public override string ToString() => string.Join("/", Statuses.Order());
}
