using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// Every worker's last accepted record against the emulator's directory: an active worker must be there, enabled, with the
/// record's values (the record number in the phone, title, department, address, OU, manager, ...); an inactive one must be
/// disabled with them, or absent when no account was ever created for them. Nobody may appear in the other target.
/// </summary>
public static class DirectoryCheck
{
    public sealed record Result(int Delivered, int DisabledAsExpected, int NeverCreated, IReadOnlyList<string> Findings, IReadOnlyList<string> Explained);

    /// <param name="explained">Workers reconciliation shows as Failed or Rejected, with the reason: a mismatch of theirs is explained, not a finding.</param>
    public static Result Run(IEnumerable<HrWorker> workers, IReadOnlyList<UserSnapshot> users, IReadOnlyDictionary<string, string> explained)
    {
        var byKey = users.ToLookup(user => (user.EmployeeId, DirectoryValues.TargetOf(user)));
        int delivered = 0, disabled = 0, neverCreated = 0;
        var findings = new List<string>();
        var explainedMismatches = new List<string>();
        foreach (var worker in workers)
        {
            if (worker.LastAccepted is not { } record) continue;
            var expected = ExpectedIdentity.For(worker, record);
            var matches = byKey[(worker.Id, expected.Target)].ToList();
            var problems = new List<string>();
            var elsewhere = users.Where(user => user.EmployeeId == worker.Id && DirectoryValues.TargetOf(user) != expected.Target).ToList();
            if (elsewhere.Count > 0) problems.Add($"also present in {DirectoryValues.TargetOf(elsewhere[0])}");
            if (matches.Count > 1) problems.Add($"{matches.Count} users with employeeId {worker.Id} in {expected.Target}");

            var user = matches.FirstOrDefault();
            if (user is null)
            {
                if (expected.Active) problems.Add("no user, although the last record is active");
                else neverCreated++;
            }
            else
            {
                if (user.AccountEnabled != expected.Active) problems.Add($"account {(user.AccountEnabled ? "enabled" : "disabled")}, the last record says {(expected.Active ? "active" : "inactive")}");
                problems.AddRange(Differences(expected, user));
                if (problems.Count == 0 && expected.Active) delivered++;
                else if (problems.Count == 0) disabled++;
            }

            if (problems.Count == 0) continue;
            var line = $"worker {worker.Id} ({worker.Type}, {expected.Target}): last accepted record {record.Sequence} ({record.Intent}, " +
                       $"{(expected.Active ? "active" : "inactive")}, revision {worker.ExpectedRevision}): {string.Join("; ", problems)}";
            if (explained.TryGetValue(worker.Id, out var reason)) explainedMismatches.Add($"{line} — explained: {reason}");
            else findings.Add(line);
        }

        return new Result(delivered, disabled, neverCreated, findings, explainedMismatches);
    }

    static IEnumerable<string> Differences(ExpectedIdentity expected, UserSnapshot user)
    {
        var held = Marker.Parse(DirectoryValues.Phone(user));
        if (held != expected.Sequence) yield return $"holds the values of record {held?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
        foreach (var (property, value) in expected.Properties)
        {
            var actual = user.Properties.GetValueOrDefault(property);
            if (!string.Equals(actual, value, StringComparison.Ordinal)) yield return $"{property} is '{actual}', expected '{value}'";
        }

        if (!string.Equals(user.ManagerEmployeeId, expected.ManagerEmployeeId, StringComparison.Ordinal))
        {
            yield return $"manager is '{user.ManagerEmployeeId}', expected '{expected.ManagerEmployeeId}'";
        }
    }
}
