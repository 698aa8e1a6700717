namespace EntraMesh.Dispatch.Observability;

/// <summary>The <c>call.outcome</c> column and the <c>outcome</c> tag of <c>entramesh.dispatch.calls</c>.</summary>
public static class CallOutcomes
{
    public const string Accepted = "accepted";
    public const string BadRequest = "bad_request";
    public const string Throttled = "throttled";
    public const string Failed = "failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string Abandoned = "abandoned";
}
