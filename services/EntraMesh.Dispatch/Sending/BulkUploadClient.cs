using System.Net.Http.Headers;
using System.Text.Json;
using EntraMesh.Dispatch.Batching;
using EntraMesh.Dispatch.Configuration;
using EntraMesh.Dispatch.Credentials;
using EntraMesh.Scim;
using Microsoft.Extensions.Options;

namespace EntraMesh.Dispatch.Sending;

/// <summary>Posts one batch to the target's bulkUpload endpoint and reports Entra's answer; never throws for HTTP failures.</summary>
public sealed class BulkUploadClient(TargetHttpClients clients, IOptions<DispatchOptions> options, TimeProvider time)
{
    const int MaxErrorBody = 64 * 1024;

    public async Task<BulkUploadResult> SendAsync(ClaimedBatch batch, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, batch.Target.BulkUploadUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.TryAddWithoutValidation("client-request-id", batch.CallId.ToString("D"));
        request.Content = new ByteArrayContent(BulkRequestWriter.Write(batch.Operations));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ScimSchemas.ContentType);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await clients.For(batch.Target).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var requestId = HeaderValue(response, "request-id");
            if (status is >= 200 and < 300) return new BulkUploadResult(status, requestId);

            var (code, message) = await ReadGraphErrorAsync(response, deadline.Token);
            return new BulkUploadResult(status, requestId, RetryAfter.From(response.Headers.RetryAfter, time.GetUtcNow()), code, message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BulkUploadResult(0, Error: $"no answer within {options.Value.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // Connection refused, reset or dropped, also while reading the answer: nobody knows whether Entra got it.
            return new BulkUploadResult(0, Error: exception.GetBaseException().Message);
        }
    }

    static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Graph's error form <c>{"error":{"code":"…","message":"…"}}</c>; anything else is kept as short text.</summary>
    static async Task<(string? Code, string? Message)> ReadGraphErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0) return (null, response.ReasonPhrase);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxErrorBody));
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // not Graph's error form
        }

        return (null, text.Length > 500 ? text[..500] : text);
    }
}
