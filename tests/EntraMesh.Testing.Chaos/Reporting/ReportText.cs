using System.Globalization;
using System.Text;
using EntraMesh.Testing.Chaos.Disruption;

namespace EntraMesh.Testing.Chaos.Reporting;

/// <summary>A chaos report as text: the figures, then each check with what it found (and the service logs when it failed).</summary>
public static class ReportText
{
    public static string Figures(ChaosReport report)
    {
        var load = report.Load;
        var emulator = report.Emulator;
        var text = new StringBuilder();
        Line(text, $"chaos run of {report.Duration.TotalMinutes:0.0} min: {report.Workers} workers, {report.Options.LoadDuration.TotalSeconds:0} s of load, {report.Options.Rounds} round(s)");
        Line(text, $"sent: {report.Delivery.Sent} records ({load.WebhookRecords} in {load.Webhooks} webhooks, {load.ImportRows} rows in {load.Imports} imports incl. the initial one); " +
                   $"{load.WebhookAttempts + load.ImportAttempts} requests, {load.FailedAttempts.Values.Sum()} of them failed and retried ({Join(load.FailedAttempts)})");
        Line(text, $"accepted: {report.Delivery.Accepted + report.Delivery.AcceptedEarlier} ({report.Delivery.AcceptedEarlier} recognised as duplicates of attempts whose answer was lost); " +
                   $"import uploads answered with an earlier attempt's import (Idempotency-Key): {load.ReplayedImports}");
        Line(text, $"disruptions: {report.Disruptions.Count} ({Join(report.Disruptions.GroupBy(d => Name(d.Disruption)).ToDictionary(g => g.Key, g => (long)g.Count()))}); " +
                   $"longest outage {(report.Disruptions.Count == 0 ? 0 : report.Disruptions.Max(d => d.Outage.TotalSeconds)):0.0} s");
        Line(text, $"Entra (emulator): {Join(emulator.Calls)} calls; injected faults {emulator.InjectedFaultCount} ({Join(emulator.InjectedFaults)}); 429s from its limits {emulator.Throttled}; " +
                   $"answers {Join(emulator.Statuses)}" +
                   (emulator.MissedReadings == 0 ? "" : $" (counters missing for {emulator.MissedReadings} of its lifetimes)"));
        Line(text, $"operations Entra accepted {emulator.OperationsAccepted}: succeeded {emulator.OperationsSucceeded}, failed {emulator.OperationsFailed}, skipped {emulator.OperationsSkipped}");
        Line(text, $"provisioning log: {report.Logs.Entries} entries ({Join(report.Logs.ByStatus.ToDictionary(p => p.Key, p => (long)p.Value))}); failures by code: {Join(report.Logs.FailuresByCode.ToDictionary(p => p.Key, p => (long)p.Value))}");
        Line(text, $"duplicates absorbed: {report.Delivery.AcceptedEarlier} by ingest (event ids), {report.Logs.RepeatsWithoutEffect} of {report.Logs.RepeatedOperations} operations Entra received twice changed nothing");
        Line(text, $"quiescence: {(report.Quiescence.Reached ? $"{report.Quiescence.Elapsed.TotalSeconds:0.0} s after the load" : "NOT reached")}; " +
                   $"operator replays (manager reached Entra after the report): {report.Replayed}" +
                   (report.AfterReplay is { } after ? $", settled {after.Elapsed.TotalSeconds:0.0} s later" : ""));
        Line(text, $"Entra's directory: {report.Directory.Delivered} active workers with their latest values, {report.Directory.DisabledAsExpected} disabled with their latest values, " +
                   $"{report.Directory.NeverCreated} inactive and never created");
        Line(text, $"reconciliation: {Join(report.Reconciliation.ByState.ToDictionary(p => p.Key, p => (long)p.Value))}; skips {Join(report.Reconciliation.SkipReasons.ToDictionary(p => p.Key, p => (long)p.Value))}; " +
                   $"explained failures {report.Reconciliation.Explained.Count}");
        Line(text, $"state samples: {report.Samples} ({report.SamplesMissed} missed while a service was down)");
        return text.ToString();
    }

    public static string Describe(ChaosReport report)
    {
        var text = new StringBuilder(Figures(report));
        foreach (var check in Checks.All)
        {
            var findings = report.Findings.GetValueOrDefault(check) ?? [];
            Line(text, $"[{(findings.Count == 0 ? "ok" : "FAILED")}] {check}{(findings.Count == 0 ? "" : $": {findings.Count} finding(s)")}");
            foreach (var finding in findings.Take(25)) Line(text, "    " + finding);
            if (findings.Count > 25) Line(text, $"    ... and {findings.Count - 25} more");
        }

        foreach (var (worker, reason) in report.Reconciliation.Explained.Take(25)) Line(text, $"  explained: worker {worker}: {reason}");
        if (report.ServiceLogs is not null) text.AppendLine(report.ServiceLogs);
        return text.ToString();
    }

    public static string Name(Disruption.Disruption disruption) => disruption.Kind switch
    {
        DisruptionKind.KillService => "kill -9 " + disruption.Target,
        DisruptionKind.RestartBroker => "RabbitMQ restart",
        DisruptionKind.KillBroker => "RabbitMQ kill -9",
        DisruptionKind.RestartDatabase => "PostgreSQL restart",
        DisruptionKind.KillDatabase => "PostgreSQL kill -9",
        _ => "storm of " + disruption.Target,
    };

    public static string Join(IEnumerable<KeyValuePair<string, long>> counts) =>
        string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value}")));

    static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
