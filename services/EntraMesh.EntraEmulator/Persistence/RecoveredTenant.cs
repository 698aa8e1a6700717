namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>What the journal holds for one tenant while it is read back: users by object id, log entries in order.</summary>
internal sealed class RecoveredTenant
{
    public Dictionary<string, JournalUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<JournalLogEntry> Logs { get; } = [];

    public void Save(IEnumerable<JournalUser>? users)
    {
        foreach (var user in users ?? []) Users[user.Id] = user;
    }
}
