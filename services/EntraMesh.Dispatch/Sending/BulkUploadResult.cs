namespace EntraMesh.Dispatch.Sending;

/// <summary>
/// Entra's answer to one bulkUpload call. <see cref="StatusCode"/> is 0 when no answer came (timeout, connection
/// dropped); then <see cref="Error"/> says what happened.
/// </summary>
public sealed record BulkUploadResult(
    int StatusCode,
    string? RequestId = null,
    TimeSpan? RetryAfter = null,
    string? ErrorCode = null,
    string? Error = null)
{
    public bool Accepted => StatusCode is >= 200 and < 300;

    public string Describe() => StatusCode == 0
        ? $"no answer: {Error}"
        : $"HTTP {StatusCode}{(ErrorCode is null ? "" : " " + ErrorCode)}{(Error is null ? "" : ": " + Error)}";
}
