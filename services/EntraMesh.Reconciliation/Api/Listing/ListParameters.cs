using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace EntraMesh.Reconciliation.Api.Listing;

/// <summary>The query string every list takes (all optional).</summary>
public sealed class ListParameters
{
    [FromQuery(Name = "state"), Description("States to show, comma-separated (e.g. Failed,Rejected). Without target: the workers' overall state; with target: the state in that target.")]
    public string? State { get; init; }

    [FromQuery(Name = "target"), Description("Only this target (rows are then worker-and-target).")]
    public string? Target { get; init; }

    [FromQuery(Name = "changeKind"), Description("Joiner, Mover, Leaver, Rehire or Update.")]
    public string? ChangeKind { get; init; }

    [FromQuery(Name = "since"), Description("Only rows changed at or after this time (ISO 8601).")]
    public string? Since { get; init; }

    [FromQuery(Name = "sourceId"), Description("Only workers of this HR source.")]
    public string? SourceId { get; init; }

    [FromQuery(Name = "errorCode"), Description("Only rows with this error code (Entra's, or dispatch's for rejections).")]
    public string? ErrorCode { get; init; }

    [FromQuery(Name = "sort"), Description("workerId (default; stable while events arrive), -workerId, updatedAt or -updatedAt.")]
    public string? Sort { get; init; }

    [FromQuery(Name = "cursor"), Description("nextCursor of the previous page.")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "limit"), Description("Rows per page (default Reconciliation:DefaultPageSize, at most Reconciliation:MaxPageSize). A CSV export without limit returns every matching row.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "format"), Description("json (default) or csv; Accept: text/csv works too.")]
    public string? Format { get; init; }
}
