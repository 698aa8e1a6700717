using EntraMesh.EntraEmulator.Users;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>A directory user as the journal keeps it: everything needed to put the same user (same object id) back.</summary>
public sealed record JournalUser(
    string Id, long Sequence, string EmployeeId, string? OnPremisesDomain, bool AccountEnabled, string? ManagerId,
    Dictionary<string, string?> Properties, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, string? CreatedByJobId)
{
    public static JournalUser Of(DirectoryUser user) => new(
        user.Id, user.Sequence, user.EmployeeId, user.OnPremisesDomain, user.AccountEnabled, user.ManagerId,
        new Dictionary<string, string?>(user.Properties, StringComparer.OrdinalIgnoreCase), user.CreatedAt, user.ModifiedAt, user.CreatedByJobId);

    public DirectoryUser ToUser()
    {
        var user = new DirectoryUser
        {
            Id = Id,
            Sequence = Sequence,
            EmployeeId = EmployeeId,
            OnPremisesDomain = OnPremisesDomain,
            CreatedAt = CreatedAt,
            CreatedByJobId = CreatedByJobId,
        };
        foreach (var (name, value) in Properties) user.Properties[name] = value;
        user.AccountEnabled = AccountEnabled;
        user.ManagerId = ManagerId;
        user.ModifiedAt = ModifiedAt;
        return user;
    }
}
