using System.Text.Json.Nodes;
using EntraMesh.Launcher.Client;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.EndToEnd.Tests;

/// <summary>Joiners, movers, leavers and rehires, from the gateway to the emulated tenant's directory and back.</summary>
[Collection(MeshCollection.Name)]
public sealed class ProvisioningJourneyTests(MeshFixture mesh)
{
    const string AdDomain = EmulatorTenant.Domain;

    [Fact]
    public async Task A_csv_import_provisions_employees_into_their_OU_on_premises_and_contractors_in_the_cloud()
    {
        var inEurope = mesh.NewWorkerId();
        var remote = mesh.NewWorkerId();
        var contractor = mesh.NewWorkerId();

        var import = await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource,
            Workers.Csv(Workers.Employee(inEurope, "Europe"), Workers.Employee(remote, "Remote"), Workers.Contractor(contractor)));
        var done = await mesh.Gateway.WaitForImportAsync(import);
        Assert.Equal(3, (int)done["rowsAccepted"]!);

        foreach (var worker in new[] { inEurope, remote, contractor }) await WaitSucceededAsync(worker);

        var europe = await mesh.Emulator.FindUserAsync(inEurope, AdDomain);
        Assert.Equal("OU=Europe,OU=Users,DC=contoso,DC=com", europe!.ParentDistinguishedName);
        Assert.True(europe.AccountEnabled);
        Assert.Equal($"EMP{inEurope}@contoso.com", europe.UserPrincipalName);
        Assert.Equal("OU=Users,DC=contoso,DC=com", (await mesh.Emulator.FindUserAsync(remote, AdDomain))!.ParentDistinguishedName);

        var cloud = await mesh.Emulator.FindUserAsync(contractor);
        Assert.NotNull(cloud);
        Assert.Null(await mesh.Emulator.FindUserAsync(contractor, AdDomain));

        var state = await mesh.Gateway.GetWorkerAsync(MeshLauncher.SampleSource, contractor);
        var target = Target(state!, EmulatorTenant.CloudTarget);
        Assert.Equal("Joiner", (string?)target["changeKind"]);
        Assert.Equal("Success", (string?)target["outcomeStatus"]);
        Assert.False(string.IsNullOrEmpty((string?)target["logId"]));
        Assert.Equal(cloud!.Id, (string?)target["targetObjectId"]);
    }

    [Fact]
    public async Task Signed_webhooks_move_a_worker_to_another_OU_terminate_one_and_rehire_it()
    {
        var mover = mesh.NewWorkerId();
        var leaver = mesh.NewWorkerId();
        var moverRow = Workers.Employee(mover, "Europe");
        var leaverRow = Workers.Employee(leaver, "Europe");
        await mesh.Gateway.WaitForImportAsync(await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, Workers.Csv(moverRow, leaverRow)));
        await WaitSucceededAsync(mover);
        await WaitSucceededAsync(leaver);

        var (status, _) = await mesh.Gateway.PostWebhookAsync(MeshLauncher.SampleSource,
        [
            new WorkerChange($"move-{mover}", moverRow.With(("Location", "North America"), ("City", "Chicago"))),
            new WorkerChange($"leave-{leaver}", leaverRow.With(("WorkerStatus", "Inactive"))),
        ]);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, status);

        var moved = await WaitSucceededAsync(mover, revision: 2);
        Assert.Equal("Mover", (string?)Target(moved, EmulatorTenant.OnPremisesTarget)["changeKind"]);
        Assert.Equal("OU=NA,OU=Users,DC=contoso,DC=com", (await mesh.Emulator.FindUserAsync(mover, AdDomain))!.ParentDistinguishedName);

        var left = await WaitSucceededAsync(leaver, revision: 2);
        Assert.Equal("Leaver", (string?)Target(left, EmulatorTenant.OnPremisesTarget)["changeKind"]);
        Assert.False((await mesh.Emulator.FindUserAsync(leaver, AdDomain))!.AccountEnabled);

        await mesh.Gateway.PostWebhookAsync(MeshLauncher.SampleSource, [new WorkerChange($"rehire-{leaver}", leaverRow.With(("WorkerStatus", "Active")))]);
        var rehired = await WaitSucceededAsync(leaver, revision: 3);
        Assert.Equal("Rehire", (string?)Target(rehired, EmulatorTenant.OnPremisesTarget)["changeKind"]);
        Assert.True((await mesh.Emulator.FindUserAsync(leaver, AdDomain))!.AccountEnabled);
    }

    [Fact]
    public async Task An_unchanged_re_upload_sends_nothing_to_Entra()
    {
        var ids = Enumerable.Range(0, 10).Select(_ => mesh.NewWorkerId()).ToArray();
        var rows = ids.Select(id => (IReadOnlyDictionary<string, string?>)Workers.Contractor(id)).ToArray();
        await mesh.Gateway.WaitForImportAsync(await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, Workers.Csv(rows)));
        foreach (var id in ids) await WaitSucceededAsync(id);
        var before = await mesh.Emulator.GetCountersAsync();

        await mesh.Gateway.WaitForImportAsync(await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, Workers.Csv(rows)));

        foreach (var id in ids)
        {
            // Mapping skips the re-upload as NoChange; reconciliation keeps showing where the worker stands in Entra.
            var worker = await mesh.WaitForWorkerAsync(id,
                w => (long?)w["revision"] == 2 && w["timeline"]!.AsArray().Any(e => (string?)e!["effect"] == "Unchanged"),
                "the re-upload is planned as no change");
            Assert.Equal("Succeeded", (string?)worker["state"]);
            var target = Target(worker, EmulatorTenant.CloudTarget);
            Assert.Equal((1L, true, 2L, "Succeeded"), ((long?)target["revision"], (bool?)target["current"], (long?)target["unchangedThrough"], (string?)target["state"]));
            Assert.Null((string?)target["skipReason"]);
        }

        // Give dispatch more than its batch window to prove nothing was queued for sending.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await mesh.Emulator.GetCountersAsync();
        Assert.Equal(BulkUploadCalls(before), BulkUploadCalls(after));
    }

    [Fact]
    public async Task A_record_Entra_fails_shows_Entras_error_and_a_replay_after_the_fix_succeeds()
    {
        var worker = mesh.NewWorkerId();
        // Another account already holds the userPrincipalName the rules produce for this contractor.
        var squatter = await mesh.Emulator.AddUserAsync(new EntraEmulator.Configuration.SeedUserOptions
        {
            EmployeeId = "squatter-" + worker,
            UserPrincipalName = $"EMP{worker}@contoso.com",
        });

        await mesh.Gateway.WaitForImportAsync(await mesh.Gateway.ImportCsvAsync(MeshLauncher.SampleSource, Workers.Csv(Workers.Contractor(worker))));

        var failed = await mesh.WaitForWorkerAsync(worker, w => (string?)w["state"] == "Failed", "Entra refuses the duplicate userPrincipalName");
        Assert.Equal("AzureActiveDirectoryDuplicateUserPrincipalName", (string?)Target(failed, EmulatorTenant.CloudTarget)["errorCode"]);
        var listed = await mesh.Gateway.GetJsonAsync("/api/reconciliation/failures?limit=1000");
        Assert.Contains(worker, listed!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await mesh.Emulator.FindUserAsync(worker));

        // The administrator removes the stale account, then the operator pushes the worker through again.
        Assert.True(await mesh.Emulator.DeleteUserAsync(squatter.Id));
        await mesh.Gateway.ReplayAsync(MeshLauncher.SampleSource, worker, "stale account removed in Entra");

        var succeeded = await WaitSucceededAsync(worker);
        Assert.Contains(succeeded["timeline"]!.AsArray(), entry => entry!.ToJsonString().Contains("stale account removed", StringComparison.Ordinal));
        Assert.NotNull(await mesh.Emulator.FindUserAsync(worker));
    }

    Task<JsonNode> WaitSucceededAsync(string workerId, long revision = 1) =>
        mesh.WaitForWorkerAsync(workerId,
            worker => (long?)worker["revision"] == revision && (string?)worker["state"] == "Succeeded",
            $"worker {workerId} revision {revision} should succeed in Entra. Logs:\n{mesh.Logs(10)}");

    static JsonNode Target(JsonNode worker, string target) =>
        worker["targets"]!.AsArray().Single(t => (string?)t!["target"] == target && (bool?)t["current"] != false)!;

    static long BulkUploadCalls(EntraEmulator.Diagnostics.EmulatorCountersSnapshot counters) =>
        counters.Calls.TryGetValue("BulkUpload", out var calls) ? calls : 0;
}
