using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using EntraMesh.Launcher.Client;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>What the cases need to build requests: the mesh's secrets and fresh worker ids.</summary>
public sealed class CorpusContext(string webhookSecret, string apiKey, int firstWorkerId)
{
    int nextWorker = firstWorkerId;

    public string WebhookSecret => webhookSecret;

    public string ApiKey => apiKey;

    /// <summary>A worker id nobody else uses.</summary>
    public string NewWorkerId() => Interlocked.Increment(ref nextWorker).ToString(CultureInfo.InvariantCulture);

    /// <summary>POST /webhooks/{source} with <paramref name="body"/>; <paramref name="signature"/> is the header value (null: none).</summary>
    public static HttpRequestMessage Webhook(string source, byte[] body, string? signature, string? contentType = "application/json",
        string signatureHeader = WebhookSigner.Header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + source) { Content = Bytes(body, contentType) };
        if (signature is not null) request.Headers.TryAddWithoutValidation(signatureHeader, signature);
        return request;
    }

    /// <summary>An EntraMesh webhook signed correctly now with the mesh's secret.</summary>
    public HttpRequestMessage SignedWebhook(string source, byte[] body, string? contentType = "application/json") =>
        Webhook(source, body, SignNow(body), contentType);

    public string SignNow(byte[] body) => WebhookSigner.Sign(webhookSecret, body, DateTimeOffset.UtcNow);

    /// <summary>A BambooHR webhook: hex HMAC-SHA256 of body + timestamp (null signature or timestamp: header left out).</summary>
    public HttpRequestMessage BambooHr(byte[] body, string? timestamp, string? signature, string? contentType = "application/json")
    {
        var request = Webhook("bamboohr", body, null, contentType);
        if (timestamp is not null) request.Headers.TryAddWithoutValidation("X-BambooHR-Timestamp", timestamp);
        if (signature is not null) request.Headers.TryAddWithoutValidation("X-BambooHR-Signature", signature);
        return request;
    }

    public HttpRequestMessage SignedBambooHr(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return BambooHr(body, timestamp, BambooSignature(webhookSecret, body, timestamp));
    }

    public static string BambooSignature(string secret, byte[] body, string timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body.Concat(Encoding.UTF8.GetBytes(timestamp)).ToArray()));

    /// <summary>An operator request with the mesh's API key.</summary>
    public HttpRequestMessage Operator(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        return request;
    }

    public static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static ByteArrayContent Text(string body, string? contentType) => Bytes(Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>A body sent chunked (no Content-Length), so only the streaming limit can stop it.</summary>
    public static HttpContent Chunked(byte[] body, string contentType)
    {
        var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A stream whose length is unknown, so HttpClient must send it chunked.</summary>
    sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
