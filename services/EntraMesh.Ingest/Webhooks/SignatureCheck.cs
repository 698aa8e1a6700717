namespace EntraMesh.Ingest.Webhooks;

/// <summary>The outcome of a signature check; <see cref="Problem"/> says why it failed (for the 401 answer).</summary>
public readonly record struct SignatureCheck(bool Valid, string? Problem)
{
    public static SignatureCheck Ok => new(true, null);

    public static SignatureCheck Fail(string problem) => new(false, problem);
}
