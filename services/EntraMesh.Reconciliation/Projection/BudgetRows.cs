namespace EntraMesh.Reconciliation.Projection;

/// <summary>The <c>dispatch_budget</c> table: the newest report per target wins, whatever order reports arrive in.</summary>
public static class BudgetRows
{
    public static Npgsql.NpgsqlBatchCommand Upsert(IReadOnlyList<BudgetReport> reports)
    {
        var newest = reports
            .GroupBy(report => report.Target, StringComparer.Ordinal)
            .Select(group => group.MaxBy(report => report.ReportedAt)!)
            .OrderBy(report => report.Target, StringComparer.Ordinal)
            .ToList();
        var command = new Npgsql.NpgsqlBatchCommand(
            """
            INSERT INTO dispatch_budget (target, job_id, calls_remaining, calls_limit, reported_at, submission_id)
            SELECT b.target, b.job_id, b.remaining, b.calls_limit, b.reported_at, b.submission_id
            FROM unnest(@targets::text[], @jobs::text[], @remaining::integer[], @limits::integer[], @at::timestamptz[], @submissions::uuid[])
                 WITH ORDINALITY AS b(target, job_id, remaining, calls_limit, reported_at, submission_id, ord)
            ORDER BY b.ord
            ON CONFLICT (target) DO UPDATE SET job_id = EXCLUDED.job_id, calls_remaining = EXCLUDED.calls_remaining,
                calls_limit = EXCLUDED.calls_limit, reported_at = EXCLUDED.reported_at, submission_id = EXCLUDED.submission_id
            WHERE EXCLUDED.reported_at > dispatch_budget.reported_at
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("targets", newest.Select(r => r.Target).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("jobs", newest.Select(r => r.JobId).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("remaining", newest.Select(r => r.CallsRemaining).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("limits", newest.Select(r => r.CallsLimit).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("at", newest.Select(r => r.ReportedAt).ToArray()));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("submissions", newest.Select(r => r.SubmissionId).ToArray()));
        return command;
    }
}
