namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>
/// Whether the simulated tenant outlives the emulator's process (section <c>Emulator:Persistence</c>). Off by default: the
/// tenant lives in memory and a restart starts from the configured users.
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>
    /// Keep the directory, the provisioning logs and the accepted but not yet processed uploads in a journal in the state
    /// folder (<c>tenant-journal.jsonl</c>), written before each upload is answered 202 and before each processed batch
    /// becomes visible, so a killed emulator comes back as Entra would: with everything it had accepted.
    /// </summary>
    public bool Enabled { get; set; }
}
