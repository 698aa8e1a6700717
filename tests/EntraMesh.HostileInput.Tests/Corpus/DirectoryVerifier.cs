using EntraMesh.EntraEmulator.Inspection;

namespace EntraMesh.HostileInput.Tests.Corpus;

/// <summary>Waits until every stored worker is in the emulated tenant's directory (cloud) with its values exactly as sent.</summary>
public static class DirectoryVerifier
{
    public static async Task<List<string>> VerifyAsync(EmulatorInspectionClient emulator, IReadOnlyCollection<(string Why, StoredWorker Worker)> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var users = (await emulator.GetUsersAsync(cancellationToken))
                .Where(user => user.OnPremisesDomain is null)
                .GroupBy(user => user.EmployeeId, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
            var problems = expected.Select(e => Check(e.Why, e.Worker, users)).OfType<string>().ToList();
            if (problems.Count == 0 || DateTime.UtcNow > deadline) return problems;
            await Task.Delay(1000, cancellationToken);
        }
    }

    static string? Check(string why, StoredWorker worker, Dictionary<string, UserSnapshot> users)
    {
        if (!users.TryGetValue(worker.WorkerId, out var user)) return $"{why}: worker {worker.WorkerId} is not in the directory";
        foreach (var (property, value) in worker.Properties)
        {
            var stored = user.Properties.GetValueOrDefault(property);
            if (!string.Equals(stored, value, StringComparison.Ordinal))
                return $"{why}: worker {worker.WorkerId} has {property} = {Show(stored)}, sent {Show(value)}";
        }

        return null;
    }

    static string Show(string? value) => value is null ? "(none)" : System.Text.Json.JsonSerializer.Serialize(value.Length > 80 ? value[..80] + "…" : value);
}
