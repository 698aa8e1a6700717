using EntraMesh.Testing;
using Npgsql;

namespace EntraMesh.Ingest.Tests;

/// <summary>SQL sources read a real table in the test database: batched, resumable, no gap and no repeat.</summary>
public sealed class SqlSourceTests
{
    static Dictionary<string, string?> SqlSource(IsolatedInfrastructure infrastructure, string table, string watermark, string settle, int batch = 10) => new()
    {
        ["Sources:3:Id"] = "hr-sql",
        ["Sources:3:WorkerIdField"] = "worker_id",
        ["Sources:3:Sql:ConnectionStringKey"] = "ConnectionStrings:hr-database",
        ["Sources:3:Sql:Table"] = table,
        ["Sources:3:Sql:WatermarkColumn"] = watermark,
        ["Sources:3:Sql:BatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sources:3:Sql:PollInterval"] = "00:00:00.100",
        ["Sources:3:Sql:SettleTime"] = settle,
        ["ConnectionStrings:hr-database"] = infrastructure.PostgresConnectionString,
    };

    static async Task ExecuteAsync(IsolatedInfrastructure infrastructure, string sql)
    {
        await using var connection = await infrastructure.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Rows_sharing_a_watermark_are_read_in_batches_and_a_restart_resumes_without_gaps_or_repeats()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri);
        // 25 rows on only three distinct updated_at values: batches of 10 end in the middle of a watermark value.
        await ExecuteAsync(infrastructure,
            """
            CREATE SCHEMA hr;
            CREATE TABLE hr.workers (worker_id text PRIMARY KEY, first_name text, updated_at timestamptz NOT NULL);
            INSERT INTO hr.workers SELECT 'sql-' || lpad(i::text, 2, '0'), 'Name' || i, timestamptz '2026-01-01' + ((i % 3) || ' hours')::interval
            FROM generate_series(1, 25) AS i;
            """);
        var settings = SqlSource(infrastructure, "hr.workers", "updated_at", "00:00:00");

        await using (var first = new IngestFactory(infrastructure, settings))
        {
            first.CreateClient().Dispose();
            await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= 25, TimeSpan.FromSeconds(20));
        }

        // Stopped. New rows: on the last watermark value (after the cursor's key) and later ones.
        await ExecuteAsync(infrastructure,
            """
            INSERT INTO hr.workers VALUES ('sql-99', 'Late', timestamptz '2026-01-01 02:00');
            INSERT INTO hr.workers SELECT 'sql-' || (100 + i), 'New' || i, timestamptz '2026-02-01' FROM generate_series(1, 4) AS i;
            """);
        await using (var second = new IngestFactory(infrastructure, settings))
        {
            second.CreateClient().Dispose();
            await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= 30, TimeSpan.FromSeconds(20));
            await Task.Delay(500);
        }

        // The outbox publishes at least once: a row published just before the first instance stopped, and not yet deleted,
        // is published again by the second with the same record (and message id), which consumers' inboxes absorb. A row read
        // twice would be a second record.
        var byWorker = events.Messages.GroupBy(m => m.Message.WorkerId).ToDictionary(g => g.Key, g => g.Select(m => m.Message.RecordId).Distinct().Count());
        Assert.Equal(30, byWorker.Count);
        Assert.All(byWorker.Values, count => Assert.Equal(1, count));
        Assert.All(events.Messages, m => Assert.Equal("sql", m.Message.Channel));
        Assert.Equal("Name7", events.Messages.First(m => m.Message.WorkerId == "sql-07").Message.Attributes["first_name"]);
    }

    [Fact]
    public async Task An_update_of_a_row_is_read_again_as_a_new_revision()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri);
        await ExecuteAsync(infrastructure,
            "CREATE SCHEMA hr; CREATE TABLE hr.people (worker_id text PRIMARY KEY, title text, version bigint NOT NULL); CREATE SEQUENCE hr.versions;" +
            "INSERT INTO hr.people VALUES ('u-1', 'Engineer', nextval('hr.versions'));");
        await using var ingest = new IngestFactory(infrastructure, SqlSource(infrastructure, "hr.people", "version", "00:00:00"));
        ingest.CreateClient().Dispose();
        await Eventually.WaitForAsync(() => Task.FromResult(events.For("u-1").Count), count => count == 1);

        await ExecuteAsync(infrastructure, "UPDATE hr.people SET title = 'Manager', version = nextval('hr.versions') WHERE worker_id = 'u-1'");

        var both = await Eventually.WaitForAsync(() => Task.FromResult(events.For("u-1")), list => list.Count == 2);
        Assert.Equal([1L, 2L], both.Select(e => e.Revision));
        Assert.Equal("Manager", both[1].Attributes["title"]);
    }

    [Fact]
    public async Task A_row_committed_late_with_an_earlier_sequence_value_is_not_skipped_within_the_settle_time()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var events = await PublishedEvents.StartAsync(infrastructure.RabbitMqUri);
        await ExecuteAsync(infrastructure,
            "CREATE SCHEMA hr; CREATE SEQUENCE hr.seq; CREATE TABLE hr.feed (worker_id text PRIMARY KEY, seq bigint NOT NULL DEFAULT nextval('hr.seq'));");
        await using var ingest = new IngestFactory(infrastructure, SqlSource(infrastructure, "hr.feed", "seq", "00:00:02"));
        ingest.CreateClient().Dispose();

        // A long transaction takes sequence value 1 first, another commits value 2 before it.
        await using var slow = await infrastructure.OpenConnectionAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO hr.feed (worker_id) VALUES ('late-1')", slow, transaction)) await insert.ExecuteNonQueryAsync();
        await ExecuteAsync(infrastructure, "INSERT INTO hr.feed (worker_id) VALUES ('early-2')");
        await Task.Delay(800);
        await transaction.CommitAsync();

        await Eventually.WaitForAsync(() => Task.FromResult(events.Count), count => count >= 2, TimeSpan.FromSeconds(15));
        await Task.Delay(500);
        Assert.Single(events.For("late-1"));
        Assert.Single(events.For("early-2"));
    }
}
