using System.ComponentModel;
using System.Globalization;
using System.Xml;
using Microsoft.Extensions.Options;

namespace EntraMesh.Reconciliation.Api.Summary;

/// <summary><c>GET summary</c>.</summary>
public static class SummaryEndpoints
{
    static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    public static RouteGroupBuilder MapSummary(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", GetAsync)
            .WithName("GetSummary")
            .WithSummary("Counts by state and target, oldest pending worker, latency, failures by error code, budget left")
            .WithDescription(
                "Latency runs from the record's acceptance to Entra's activity time of a successful outcome, for targets that " +
                "succeeded within `window` (p50/p95 read from a log-scale histogram, within 2.5 %). The budget is dispatch's " +
                "24-hour call budget as it reported it with its latest submission per target.")
            .Produces<Summary>()
            .ProducesValidationProblem();
        return api;
    }

    static async Task<IResult> GetAsync(
        [Description("Latency window: ISO 8601 duration (PT1H, P1D) or d.hh:mm:ss; default Reconciliation:LatencyWindow.")] string? window,
        HttpRequest request,
        SummaryReader summaries,
        IOptions<ReconciliationOptions> options,
        CancellationToken cancellationToken)
    {
        var unknown = request.Query.Keys.FirstOrDefault(key => !key.Equals("window", StringComparison.OrdinalIgnoreCase));
        if (unknown is not null) return ApiProblems.Invalid(unknown, "Unknown parameter. The summary takes: window.");

        var span = options.Value.LatencyWindow;
        if (!string.IsNullOrWhiteSpace(window))
        {
            if (ParseWindow(window.Trim()) is not { } parsed || parsed < MinWindow || parsed > MaxWindow)
            {
                return ApiProblems.Invalid("window", "Expected a duration from 1 minute to 90 days: ISO 8601 (PT15M, PT1H, P7D) or d.hh:mm:ss.");
            }

            span = parsed;
        }

        return TypedResults.Ok(await summaries.ReadAsync(span, cancellationToken));
    }

    static TimeSpan? ParseWindow(string value)
    {
        if (value.StartsWith('P') || value.StartsWith('p'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(value.ToUpperInvariant());
            }
            catch (FormatException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;
    }
}
