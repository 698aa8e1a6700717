namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>
/// One line of the tenant journal. <see cref="Type"/> says which fields are set:
/// <c>staged</c> (an accepted upload: job, request id, time, the request body),
/// <c>processed</c> (a staged upload done: its request id, the users it wrote, its log entries),
/// <c>user</c> (a user as it is now: seeded, added by an admin, or the snapshot written at start),
/// <c>removed</c> (a user an admin deleted), <c>log</c> (log entries of the start snapshot),
/// <c>purged</c> (a job restart dropped its staged uploads).
/// </summary>
public sealed record JournalRecord(
    string Type, string Tenant, string? Job = null, string? RequestId = null, DateTimeOffset? At = null, string? Body = null,
    List<JournalUser>? Users = null, List<JournalLogEntry>? Logs = null, string? UserId = null)
{
    public const string Staged = "staged";
    public const string Processed = "processed";
    public const string User = "user";
    public const string Removed = "removed";
    public const string Log = "log";
    public const string Purged = "purged";
}
