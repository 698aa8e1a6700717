using System.Net;
using EntraMesh.Testing;
using Npgsql;

namespace EntraMesh.Ingest.Tests;

/// <summary>
/// A CSV upload that arrives while PostgreSQL is unreachable (restarting, failing over) is answered 503 with Retry-After,
/// registers nothing and can be uploaded again; it was a 500 before (found by the chaos run, which kills PostgreSQL).
/// </summary>
public sealed class ImportOutageTests
{
    [Fact]
    public async Task An_upload_while_PostgreSQL_is_unreachable_is_503_with_Retry_After_and_the_next_upload_is_imported()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        proxy.Start();
        var throughProxy = new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 2 };
        await using var factory = new IngestFactory(infrastructure, new Dictionary<string, string?> { ["ConnectionStrings:postgres"] = throughProxy.ConnectionString });
        using var client = factory.CreateClient();
        var csv = Imports.Csv("WorkerID,FirstName", "outage-1,Ola");

        proxy.Stop();
        using (var refused = await Imports.UploadAsync(client, csv))
        {
            await WebhookTests.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "Upload the file again");
            Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        }

        // With an Idempotency-Key the upload first looks for an earlier one: that lookup meets the outage too.
        using (var keyed = await Imports.UploadAsync(client, csv, idempotencyKey: "outage-key"))
        {
            await WebhookTests.AssertProblemAsync(keyed, HttpStatusCode.ServiceUnavailable, "Upload the file again");
        }

        proxy.Start();
        Assert.Equal(0, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.import_job"));
        var job = await Imports.UploadAndWaitAsync(client, csv);
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(1, await infrastructure.ScalarAsync<long>("SELECT count(*) FROM ingest.import_job"));
        var id = job.GetProperty("id").GetString()!;
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(factory.StateDirectory, "imports"), "*.csv"), file => !file.Contains(id, StringComparison.Ordinal));

        // Nothing was registered under the key during the outage: sent again, the upload is a new import.
        using var again = await Imports.UploadAsync(client, csv, idempotencyKey: "outage-key");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }
}
