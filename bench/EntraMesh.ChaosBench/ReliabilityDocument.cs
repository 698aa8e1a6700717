using System.Globalization;
using System.Text;
using EntraMesh.Testing.Chaos.Disruption;
using EntraMesh.Testing.Chaos.Reporting;

namespace EntraMesh.ChaosBench;

/// <summary>
/// Writes the last recorded run into the <c>## Chaos</c> section of docs/reliability.md: its <c>### Last recorded run</c>
/// subsection is replaced, and what comes before it (what the run does, what the runs found, edited by hand) is kept. A
/// missing section is written whole, with the description below; other sections (hostile input) are left as they are, and
/// the file is created with its title when missing.
/// </summary>
public static class ReliabilityDocument
{
    const string Heading = "## Chaos";
    const string RunHeading = "### Last recorded run";

    public static void WriteChaos(string file, ChaosReport report, RecordedRun run)
    {
        var lines = File.Exists(file) ? File.ReadAllLines(file).ToList() : ["# Reliability", ""];
        var start = lines.FindIndex(line => line.Trim() == Heading);
        if (start < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0) lines.Add("");
            lines.AddRange((Description() + "\n\n" + LastRun(report, run)).Split('\n'));
        }
        else
        {
            var end = lines.FindIndex(start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
            if (end < 0) end = lines.Count;
            var runStart = lines.FindIndex(start + 1, end - start - 1, line => line.StartsWith(RunHeading, StringComparison.Ordinal));
            if (runStart < 0) runStart = end;
            lines.RemoveRange(runStart, end - runStart);
            var block = LastRun(report, run).Split('\n').ToList();
            if (lines[runStart - 1].Length > 0) block.Insert(0, "");
            if (runStart < lines.Count) block.Add("");
            lines.InsertRange(runStart, block);
        }

        File.WriteAllText(file, string.Join('\n', lines).TrimEnd('\n') + "\n");
    }

    /// <summary>The section's description, written only when the section is missing (it is edited by hand afterwards).</summary>
    static string Description()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line(Heading);
        Line();
        Line("`dotnet run -c Release --project bench/EntraMesh.ChaosBench -- record` starts a PostgreSQL cluster and a RabbitMQ node of its own");
        Line("(eng/infra.sh on free ports with their own data folders; the shared servers are never touched), the whole mesh as real processes");
        Line("(eng/EntraMesh.Launcher, the emulator at Entra's limits and with persistence, so that it can be killed like the services), and a");
        Line("simulated HR system: an initial CSV import of the population, then signed webhooks at a steady rate and CSV imports now and then");
        Line("(joiners, movers with new OUs and managers, leavers, deletions, rehires, unchanged re-deliveries). Each record carries its number in");
        Line("the office phone, so the values Entra holds tell which record they came from. During the load, each round `kill -9`s every");
        Line("service in turn and starts it again, kills or restarts RabbitMQ and PostgreSQL, and has the emulator storm with 429s, 500/503s,");
        Line("and timeouts with dropped connections (some after the upload was processed). Then the run waits for quiescence and checks:");
        Line();
        Line("- **lost or stale**: every worker's last accepted record is in the emulator's directory with its values (enabled, or disabled for");
        Line("  leavers), in the right target and OU, with its manager;");
        Line("- **backwards**: sampled every few seconds during the whole run, no worker's revision or state in reconciliation went back (an");
        Line("  earlier stage of the same revision counts only when no replay began a new attempt in between: reconciliation replays a");
        Line("  worker whose manager was not in Entra yet, and the timeline records it), and no");
        Line("  user in Entra held an older record's values after a newer one's; in the provisioning logs the record numbers written only go up;");
        Line("- **applied twice**: an operation Entra received twice (same bulkId, a call re-sent after its answer was lost) changed nothing the");
        Line("  second time; ingest answered every retried webhook `duplicate` instead of accepting it again (revisions count up by one per record);");
        Line("- **unexplained**: reconciliation knows every worker at the revision of its last record, `Succeeded`, `Skipped` with a reason, or");
        Line("  `Failed`/`Rejected` with Entra's error; nothing under way, nothing stuck, nothing in an `_error` queue.");
        Line();
        Line("`tests/EntraMesh.Chaos.Tests` runs the same driver, reduced (300 workers, 80 s of load, one round), in CI.");
        Line();
        Line("What the chaos runs found and what was fixed (each fix with its own test):");
        Line();
        Line("- consumers sent their messages to the `_error` queues when PostgreSQL was down longer than the short retries (about 3 s): a");
        Line("  PostgreSQL kill left 844 messages in eight error queues and 58 workers under way until an operator moved them back. Consumers now");
        Line("  retry for up to 5 minutes while a dependency is unreachable (`Messaging:OutageRetryWindow`; shared/EntraMesh.Hosting, tested by");
        Line("  `OutageTests` in tests/EntraMesh.Hosting.Tests);");
        Line("- a CSV upload while PostgreSQL was restarting was answered 500, so the HR system could not know whether to send it again; it is");
        Line("  now 503 with `Retry-After` and registers nothing (`ImportOutageTests` in tests/EntraMesh.Ingest.Tests);");
        Line("- the launcher gave up on a restarted service whose health check answered slowly on the loaded machine; it now keeps polling;");
        Line("- with `synchronous_commit=off` (eng/infra.sh's fast default for tests) a SIGKILL of PostgreSQL lost webhook records ingest had");
        Line("  already answered `accepted`: EntraMesh's guarantee needs a durable PostgreSQL (the default), and the chaos run now uses one.");
        Line();
        Line("On this shared 2-core machine a SIGKILLed RabbitMQ node took up to about 4 minutes to accept connections again (its log shows it rebuilding");
        Line("its message store indices after the crash); the services reconnected on their own and nothing was lost meanwhile.");
        return text.ToString().TrimEnd('\n');
    }

    static string LastRun(ChaosReport report, RecordedRun run)
    {
        var o = report.Options;
        var load = report.Load;
        var emulator = report.Emulator;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string Count(IEnumerable<KeyValuePair<string, int>> counts) => ReportText.Join(counts.Select(pair => KeyValuePair.Create(pair.Key, (long)pair.Value)));

        Line(string.Create(CultureInfo.InvariantCulture, $"{RunHeading} ({run.Scenario}), {report.StartedAt:yyyy-MM-dd HH:mm} UTC, commit {run.Commit}"));
        Line();
        Line($"Machine: {run.Machine}; 1-minute load average {run.Load} (the machine is shared with other engineers' builds and tests).");
        Line();
        Line("| figure | value |");
        Line("|---|---|");
        Row("duration", string.Create(CultureInfo.InvariantCulture, $"{report.Duration.TotalMinutes:0.0} min in all; {o.LoadDuration.TotalMinutes:0.#} min of load, {o.Rounds} round(s) of disruptions"));
        Row("workers", report.Workers.ToString(CultureInfo.InvariantCulture));
        Row("records sent", $"{report.Delivery.Sent}: {load.WebhookRecords} in {load.Webhooks} webhooks, {load.ImportRows} rows in {load.Imports} CSV imports (incl. the initial one)");
        Row("records accepted", $"{report.Delivery.Accepted + report.Delivery.AcceptedEarlier} ({report.Delivery.AcceptedEarlier} answered `duplicate` on a retry after a lost answer)");
        Row("import uploads answered with an earlier attempt's import", load.ReplayedImports.ToString(CultureInfo.InvariantCulture));
        Row("HR requests", $"{load.WebhookAttempts + load.ImportAttempts}; {load.FailedAttempts.Values.Sum()} failed and were retried ({ReportText.Join(load.FailedAttempts)})");
        Row("disruptions", $"{report.Disruptions.Count}: {ReportText.Join(report.Disruptions.GroupBy(d => ReportText.Name(d.Disruption)).Select(g => KeyValuePair.Create(g.Key, (long)g.Count())))}");
        Row("outages", Outages(report));
        Row("Entra faults injected", $"{emulator.InjectedFaultCount} ({ReportText.Join(emulator.InjectedFaults)}); 429s from Entra's limits {emulator.Throttled}");
        Row("Entra calls", ReportText.Join(emulator.Calls.Where(pair => pair.Value > 0)) +
            (emulator.MissedReadings == 0 ? "" : $" (the emulator's counters are missing for {emulator.MissedReadings} of its lifetimes: it did not answer before being killed)"));
        Row("operations Entra accepted", $"{emulator.OperationsAccepted}: succeeded {emulator.OperationsSucceeded}, failed {emulator.OperationsFailed}, skipped {emulator.OperationsSkipped}");
        Row("provisioning log", $"{report.Logs.Entries} entries ({Count(report.Logs.ByStatus)}); error codes: {(report.Logs.FailuresByCode.Count == 0 ? "none" : Count(report.Logs.FailuresByCode))}");
        Row("operations Entra received twice", $"{report.Logs.RepeatedOperations}, of which {report.Logs.RepeatsWithoutEffect} changed nothing");
        Row("quiescence", report.Quiescence.Reached
            ? string.Create(CultureInfo.InvariantCulture, $"{report.Quiescence.Elapsed.TotalSeconds:0.0} s after the load ended")
            : "not reached");
        Row("operator replays", report.Replayed == 0 ? "none needed" : $"{report.Replayed} workers whose manager reached Entra after them");
        Row("Entra's directory", $"{report.Directory.Delivered} active with their latest values, {report.Directory.DisabledAsExpected} disabled with their latest values, {report.Directory.NeverCreated} inactive and never created");
        Row("reconciliation", $"{Count(report.Reconciliation.ByState)}; skips {(report.Reconciliation.SkipReasons.Count == 0 ? "none" : Count(report.Reconciliation.SkipReasons))}; explained failures {report.Reconciliation.Explained.Count}");
        Row("state samples", $"{report.Samples} ({report.SamplesMissed} missed while a service was down)");
        Line();
        Line("Error codes in the provisioning log are Entra's answer to one operation at the time: a report sent before its new manager existed");
        Line("failed with `UnableToResolveReferenceAttributeValue` and a later operation of the worker succeeded (the directory and reconciliation");
        Line("checks show it); `RedundantExport` and `SourceUserInactive` are skips (nothing to change, a leaver already disabled).");
        Line();
        Line("| check | result |");
        Line("|---|---|");
        foreach (var check in Checks.All)
        {
            var findings = report.Findings.GetValueOrDefault(check) ?? [];
            Row(check, findings.Count == 0 ? "held" : $"**FAILED**, {findings.Count} finding(s), e.g. {findings[0].Replace("|", "/", StringComparison.Ordinal)}");
        }

        return text.ToString().TrimEnd('\n');

        void Row(string name, string value) => Line($"| {name} | {value} |");
    }

    static string Outages(ChaosReport report)
    {
        var byKind = report.Disruptions.GroupBy(d => d.Disruption.Kind == DisruptionKind.KillService ? "service kill and restart" : ReportText.Name(d.Disruption));
        return string.Join("; ", byKind.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.First().Outage.TotalSeconds:0.0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Min(d => d.Outage.TotalSeconds):0.0}-{g.Max(d => d.Outage.TotalSeconds):0.0} s")));
    }
}
