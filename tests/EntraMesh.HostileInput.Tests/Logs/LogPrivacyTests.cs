using EntraMesh.HostileInput.Tests.Corpus;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.HostileInput.Tests.Logs;

/// <summary>
/// After the corpus ran (so every service logged refusals, imports, previews, replays and provisioning), no service's
/// log holds a name or an address of the sample workers, and none holds the Entra client secret (nor the other secrets).
/// </summary>
public sealed class LogPrivacyTests(HostileMesh mesh, ITestOutputHelper output)
{
    async Task<LogScan> ScanAsync()
    {
        var outcome = await mesh.CorpusAsync();
        var scan = LogScan.Run(Path.Combine(mesh.RunDirectory, "logs"), Workers(outcome), new Dictionary<string, string>
        {
            ["Entra client secret"] = mesh.Mesh.Secrets.EntraClientSecret,
            ["webhook secret"] = mesh.Mesh.Secrets.WebhookSecret,
            ["operator API key"] = mesh.Mesh.Secrets.OperatorApiKey,
        });
        output.WriteLine(scan.ToString());
        return scan;
    }

    /// <summary>Microsoft's sample (shared/data beside the repository when present), the generated population, and the good traffic.</summary>
    IEnumerable<IReadOnlyDictionary<string, string?>> Workers(CorpusOutcome outcome)
    {
        var shared = Path.Combine(MeshOptions.FindRoot(AppContext.BaseDirectory), "..", "shared", "data");
        var sharedRows = Directory.Exists(shared) ? Directory.GetFiles(shared, "*.csv").SelectMany(file => HostileMesh.CsvRows(File.ReadAllBytes(file))) : [];
        return mesh.SampleRows.Concat(sharedRows)
            .Select(row => (IReadOnlyDictionary<string, string?>)row.ToDictionary(p => p.Key, p => (string?)p.Value))
            .Concat(outcome.GoodRows);
    }

    [Fact]
    public async Task No_log_line_holds_a_name_or_address_of_the_sample_workers()
    {
        var scan = await ScanAsync();

        Assert.True(scan.Lines > 0, "no log lines were found");
        Assert.True(scan.PersonalData.Count == 0, $"{scan}\n{string.Join("\n", scan.PersonalData.Take(30))}");
    }

    [Fact]
    public async Task The_Entra_client_secret_and_the_other_secrets_appear_in_no_log()
    {
        var scan = await ScanAsync();

        Assert.True(scan.Lines > 0, "no log lines were found");
        Assert.True(scan.Secrets.Count == 0, $"{scan}\n{string.Join("\n", scan.Secrets.Take(30))}");
    }
}
