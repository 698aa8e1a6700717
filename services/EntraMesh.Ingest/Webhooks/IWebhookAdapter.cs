using EntraMesh.Ingest.Records;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>
/// One HR vendor's webhook: how it signs a request and how its body carries worker records. A new vendor is one class
/// implementing this, registered in <see cref="WebhookExtensions"/>, and its tests.
/// </summary>
public interface IWebhookAdapter
{
    /// <summary>The value of <c>Sources:N:WebhookFormat</c> that selects this adapter.</summary>
    string Format { get; }

    /// <summary>Checks the request's signature against each of the source's secrets (several during rotation).</summary>
    SignatureCheck Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> secrets, DateTimeOffset now, TimeSpan tolerance);

    /// <summary>The records in the body, or the reason the body cannot be read (a 400 naming the problem).</summary>
    WebhookParseResult Parse(ReadOnlyMemory<byte> body);
}
