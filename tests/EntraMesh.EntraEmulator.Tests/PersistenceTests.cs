using EntraMesh.Testing;

namespace EntraMesh.EntraEmulator.Tests;

/// <summary>
/// Emulator:Persistence:Enabled: the tenant outlives the process, as Entra's does. A chaos run kills the emulator with
/// SIGKILL; nothing it answered for (a 202, a processed batch) may be gone when it comes back.
/// </summary>
public sealed class PersistenceTests : IDisposable
{
    /// <summary>Outlives each emulator (the fixture deletes its own state folder when it stops).</summary>
    readonly string stateDirectory = Path.Combine(Path.GetTempPath(), "entramesh-emulator-tests", "persistent-" + Guid.NewGuid().ToString("N"));

    Dictionary<string, string?> Persistent => new() { ["Emulator:Persistence:Enabled"] = "true", ["Emulator:StateDirectory"] = stateDirectory };

    [Fact]
    public async Task A_restarted_emulator_keeps_its_users_its_log_entries_and_the_uploads_it_had_not_processed_yet()
    {
        var processed = Scim.NewId();
        var staged = Scim.NewId();
        Inspection.UserSnapshot before;
        string logId;
        await using (var first = await EntraEmulatorServer.StartAsync(Persistent))
        {
            using var client = await EmulatorClient.CreateAsync(first);
            await client.AcceptedAsync(Scim.Bulk(Scim.User(processed, $"u{processed}@contoso.com", "Kept Across Restarts", department: "Sales")));
            logId = (await client.LogEntryAsync(processed)).GetProperty("id").GetString()!;
            before = (await first.Inspection.FindUserAsync(processed))!;

            // Accepted (202) while the job is paused: staged, not processed, when the process goes away.
            await first.Inspection.PauseJobAsync(first.CloudJobId);
            await client.AcceptedAsync(Scim.Bulk(Scim.User(staged, $"u{staged}@contoso.com", "Staged Before The Crash")));
            Assert.Null(await first.Inspection.FindUserAsync(staged));
        }

        await using var second = await EntraEmulatorServer.StartAsync(Persistent);
        using var again = await EmulatorClient.CreateAsync(second);

        var kept = await second.Inspection.FindUserAsync(processed);
        Assert.NotNull(kept);
        Assert.Equal(before.Id, kept.Id);
        Assert.Equal("Sales", kept.Properties["department"]);
        Assert.Equal(logId, (await again.LogEntryAsync(processed)).GetProperty("id").GetString());

        var late = await Eventually.WaitForAsync(() => second.Inspection.FindUserAsync(staged), user => user is not null, TimeSpan.FromSeconds(15),
            "the upload staged before the restart is processed after it");
        Assert.Equal("Staged Before The Crash", late!.DisplayName);
        Assert.Single(await again.LogsAsync($"sourceIdentity/id eq '{processed}'"));
    }

    [Fact]
    public async Task A_journal_line_torn_by_a_crash_is_ignored_and_everything_before_it_is_kept()
    {
        var id = Scim.NewId();
        await using (var first = await EntraEmulatorServer.StartAsync(Persistent))
        {
            using var client = await EmulatorClient.CreateAsync(first);
            await client.AcceptedAsync(Scim.Bulk(Scim.User(id, $"u{id}@contoso.com", "Before The Torn Line")));
            await client.LogEntryAsync(id);
        }

        await File.AppendAllTextAsync(Path.Combine(stateDirectory, "tenant-journal.jsonl"), "{\"type\":\"processed\",\"tenant\":\"5a3d49");

        await using var second = await EntraEmulatorServer.StartAsync(Persistent);
        Assert.Equal("Before The Torn Line", (await second.Inspection.FindUserAsync(id))!.DisplayName);
    }

    [Fact]
    public async Task Without_persistence_a_restarted_emulator_starts_from_the_configured_users()
    {
        var id = Scim.NewId();
        var inMemory = new Dictionary<string, string?> { ["Emulator:StateDirectory"] = stateDirectory };
        await using (var first = await EntraEmulatorServer.StartAsync(inMemory))
        {
            using var client = await EmulatorClient.CreateAsync(first);
            await client.AcceptedAsync(Scim.Bulk(Scim.User(id, $"u{id}@contoso.com", "Only In Memory")));
            await client.LogEntryAsync(id);
        }

        await using var second = await EntraEmulatorServer.StartAsync(inMemory);
        Assert.Null(await second.Inspection.FindUserAsync(id));
        Assert.False(File.Exists(Path.Combine(stateDirectory, "tenant-journal.jsonl")));
    }

    public void Dispose()
    {
        if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
    }
}
