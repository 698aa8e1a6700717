using System.Text;
using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>
/// At start, before the job processors run and before Kestrel takes a request: puts back what the tenant journal holds
/// (the users, with their object ids; the provisioning-log entries, with their ids and times; the uploads accepted and not
/// processed yet, staged again in their order) and rewrites the journal as a compact snapshot. Without a journal (first
/// start) the snapshot holds the configured users.
/// </summary>
public sealed class JournalRecovery(TenantJournal journal, EmulatorRegistry registry, ILogger<JournalRecovery> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!journal.Enabled) return Task.CompletedTask;
        var tenants = new Dictionary<string, RecoveredTenant>(StringComparer.OrdinalIgnoreCase);
        var staged = new List<JournalRecord>();
        var any = false;
        foreach (var record in journal.Read((line, error) => EmulatorLog.JournalTorn(logger, journal.Path, line, error.Message)))
        {
            any = true;
            var tenant = tenants.TryGetValue(record.Tenant, out var known) ? known : tenants[record.Tenant] = new RecoveredTenant();
            switch (record.Type)
            {
                case JournalRecord.Staged:
                    staged.Add(record);
                    break;
                case JournalRecord.Processed:
                    staged.RemoveAll(candidate => candidate.RequestId == record.RequestId && candidate.Job == record.Job);
                    tenant.Save(record.Users);
                    tenant.Logs.AddRange(record.Logs ?? []);
                    break;
                case JournalRecord.User:
                    tenant.Save(record.Users);
                    break;
                case JournalRecord.Log:
                    tenant.Logs.AddRange(record.Logs ?? []);
                    break;
                case JournalRecord.Removed:
                    tenant.Users.Remove(record.UserId ?? "");
                    break;
                case JournalRecord.Purged:
                    staged.RemoveAll(candidate => candidate.Job == record.Job);
                    break;
            }
        }

        if (any) Restore(tenants, staged);
        journal.Rewrite(registry, staged);
        EmulatorLog.JournalRecovered(logger, journal.Path, tenants.Values.Sum(t => t.Users.Count), tenants.Values.Sum(t => t.Logs.Count), staged.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void Restore(Dictionary<string, RecoveredTenant> recovered, List<JournalRecord> staged)
    {
        foreach (var tenant in registry.Tenants)
        {
            var state = recovered.GetValueOrDefault(tenant.Id) ?? new RecoveredTenant();
            lock (tenant.Directory.Gate)
            {
                tenant.Directory.Clear();
                foreach (var user in state.Users.Values.OrderBy(user => user.Sequence)) tenant.Directory.Restore(user.ToUser());
                tenant.Logs.Clear();
                var jobs = tenant.Jobs.ToDictionary(job => job.JobId, StringComparer.OrdinalIgnoreCase);
                tenant.Logs.Append([.. state.Logs.Where(entry => jobs.ContainsKey(entry.JobId)).Select(entry => entry.ToEntry(jobs[entry.JobId]))]);
            }
        }

        foreach (var record in staged.ToList())
        {
            var job = registry.FindJob(record.Job ?? "");
            try
            {
                if (job is null) throw new BulkRequestException("job", $"'{record.Job}' is not configured any more");
                var operations = BulkRequestParser.Parse(Encoding.UTF8.GetBytes(record.Body ?? ""), job.Schema, int.MaxValue);
                job.Enqueue(operations, record.At ?? DateTimeOffset.UtcNow, record.RequestId ?? Guid.NewGuid().ToString());
            }
            catch (BulkRequestException error)
            {
                EmulatorLog.JournalUploadDropped(logger, record.RequestId ?? "", record.Job ?? "", error.Message);
                staged.Remove(record);
            }
        }
    }
}
