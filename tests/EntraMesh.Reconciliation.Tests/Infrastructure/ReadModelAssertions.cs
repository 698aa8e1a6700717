using EntraMesh.Testing;

namespace EntraMesh.Reconciliation.Tests.Infrastructure;

/// <summary>Checks on the stored read model itself.</summary>
public static class ReadModelAssertions
{
    /// <summary>The maintained counts by state equal the rows' states, for workers and for every target.</summary>
    public static async Task AssertCountsMatchRowsAsync(IsolatedInfrastructure infrastructure)
    {
        var mismatches = await infrastructure.ScalarAsync<long>(
            """
            WITH counted AS (SELECT scope, state, sum(n) AS n FROM state_count GROUP BY scope, state HAVING sum(n) <> 0),
                 actual AS (SELECT '' AS scope, state, count(*) AS n FROM worker GROUP BY state
                            UNION ALL SELECT target, state, count(*) FROM worker_target GROUP BY target, state)
            SELECT count(*) FROM counted c FULL JOIN actual a ON a.scope = c.scope AND a.state = c.state
            WHERE c.n IS DISTINCT FROM a.n
            """, "reconciliation");
        Assert.Equal(0, mismatches);
    }

    /// <summary>Every queue of the test's virtual host is empty and no message went to an error queue.</summary>
    public static async Task AssertDrainedWithoutErrorsAsync(IsolatedInfrastructure infrastructure)
    {
        await infrastructure.WaitForQueuesToDrainAsync(TimeSpan.FromSeconds(60));
        var queues = await infrastructure.Management.GetQueuesAsync(infrastructure.VirtualHost);
        Assert.All(queues.Where(queue => queue.Name.EndsWith("_error", StringComparison.Ordinal)), queue => Assert.Equal(0, queue.Messages ?? 0));
    }
}
