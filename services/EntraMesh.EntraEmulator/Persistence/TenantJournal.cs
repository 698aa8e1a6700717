using System.Text;
using System.Text.Json;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.ProvisioningLogs;
using EntraMesh.EntraEmulator.State;
using EntraMesh.EntraEmulator.Tenancy;
using EntraMesh.EntraEmulator.Users;
using Microsoft.Extensions.Options;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>
/// The tenant journal (<c>Emulator:Persistence:Enabled</c>): an append-only file of JSON lines in the state folder. An
/// upload is journaled before it is answered 202 and a processed batch before its users and log entries become visible,
/// each line written through to the operating system, so a killed emulator (SIGKILL, not a power cut) loses nothing it
/// has answered for. At start <see cref="JournalRecovery"/> reads it back and rewrites it as a compact snapshot.
/// Every method does nothing when persistence is off.
/// </summary>
public sealed class TenantJournal(IOptions<EmulatorOptions> options, StateDirectory state) : IDisposable
{
    /// <summary>Users and log entries per line of a snapshot, so no line grows without bound.</summary>
    const int SnapshotChunk = 1000;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    readonly Lock gate = new();
    FileStream? file;

    public bool Enabled => options.Value.Persistence.Enabled;

    public string Path => state.JournalPath;

    /// <summary>An accepted upload, before it is answered. The caller holds the job's staging lock, so lines keep the order of the job's queue.</summary>
    public void Staged(ProvisioningJob job, string requestId, DateTimeOffset acceptedAt, ReadOnlySpan<byte> body)
    {
        if (!Enabled) return;
        Append(new JournalRecord(JournalRecord.Staged, job.Tenant.Id, job.JobId, requestId, acceptedAt, Encoding.UTF8.GetString(body)));
    }

    /// <summary>A staged upload processed: the users it wrote as they are now, and its log entries. Called under the directory lock.</summary>
    public void Processed(ProvisioningJob job, string requestId, IEnumerable<DirectoryUser> users, IReadOnlyList<ProvisioningLogEntry> entries)
    {
        if (!Enabled) return;
        Append(new JournalRecord(JournalRecord.Processed, job.Tenant.Id, job.JobId, requestId,
            Users: [.. users.Distinct().Select(JournalUser.Of)], Logs: [.. entries.Select(JournalLogEntry.Of)]));
    }

    /// <summary>A user added (or seeded) outside processing. Called under the directory lock.</summary>
    public void UserSaved(EmulatorTenant tenant, DirectoryUser user)
    {
        if (!Enabled) return;
        Append(new JournalRecord(JournalRecord.User, tenant.Id, Users: [JournalUser.Of(user)]));
    }

    /// <summary>A user an admin deleted. Called under the directory lock.</summary>
    public void UserRemoved(EmulatorTenant tenant, string id)
    {
        if (!Enabled) return;
        Append(new JournalRecord(JournalRecord.Removed, tenant.Id, UserId: id));
    }

    /// <summary>Restarts a job (its staged uploads are purged, as in Entra) and journals the purge in the queue's order.</summary>
    /// <returns>How many staged operations were purged.</returns>
    public long Restart(ProvisioningJob job)
    {
        lock (job.StagingGate)
        {
            var purged = job.Restart();
            if (Enabled) Append(new JournalRecord(JournalRecord.Purged, job.Tenant.Id, job.JobId));
            return purged;
        }
    }

    /// <summary>
    /// Replaces the journal with what the tenants hold now (users and log entries) followed by <paramref name="staged"/>
    /// (uploads accepted and not processed yet): written aside and renamed over the old one, so a crash leaves either.
    /// </summary>
    public void Rewrite(EmulatorRegistry registry, IEnumerable<JournalRecord> staged)
    {
        if (!Enabled) return;
        lock (gate)
        {
            file?.Dispose();
            file = null;
            var temporary = Path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var tenant in registry.Tenants)
                {
                    List<JournalUser> users;
                    lock (tenant.Directory.Gate) users = [.. tenant.Directory.Users.Select(JournalUser.Of)];
                    foreach (var chunk in users.Chunk(SnapshotChunk)) Write(stream, new JournalRecord(JournalRecord.User, tenant.Id, Users: [.. chunk]));
                    foreach (var chunk in tenant.Logs.Snapshot().Chunk(SnapshotChunk))
                    {
                        Write(stream, new JournalRecord(JournalRecord.Log, tenant.Id, Logs: [.. chunk.Select(JournalLogEntry.Of)]));
                    }
                }

                foreach (var record in staged) Write(stream, record);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
    }

    /// <summary>Every readable line of the journal, in order; a torn last line (the process died mid-write) ends the reading.</summary>
    public IEnumerable<JournalRecord> Read(Action<int, JsonException> unreadable)
    {
        if (!File.Exists(Path)) yield break;
        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            if (line.Length == 0) continue;
            JournalRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<JournalRecord>(line, Json);
            }
            catch (JsonException error)
            {
                unreadable(number, error);
                yield break;
            }

            if (record is not null) yield return record;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
            file = null;
        }
    }

    void Append(JournalRecord record)
    {
        lock (gate)
        {
            file ??= new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            Write(file, record);
            file.Flush();
        }
    }

    static void Write(Stream stream, JournalRecord record)
    {
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(record, Json));
        stream.WriteByte((byte)'\n');
    }
}
