namespace EntraMesh.EntraEmulator.Users;

/// <summary>
/// The users of one tenant, indexed by id, by matching key (per target: cloud or one AD domain) and by
/// userPrincipalName. Every access happens under <see cref="Gate"/>; a batch of 50 operations holds it about a millisecond.
/// </summary>
public sealed class TenantDirectory
{
    const string CloudKey = "";

    readonly Dictionary<string, DirectoryUser> byId = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Dictionary<string, DirectoryUser>> byEmployeeId = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Dictionary<string, DirectoryUser>> byUserPrincipalName = new(StringComparer.OrdinalIgnoreCase);
    readonly List<DirectoryUser> ordered = [];
    long sequence;

    public Lock Gate { get; } = new();

    public int Count => ordered.Count;

    /// <summary>Users in creation order.</summary>
    public IReadOnlyList<DirectoryUser> Users => ordered;

    public long NextSequence() => ++sequence;

    public DirectoryUser? FindById(string id) => byId.GetValueOrDefault(id);

    public DirectoryUser? FindByEmployeeId(string? onPremisesDomain, string employeeId) =>
        byEmployeeId.TryGetValue(onPremisesDomain ?? CloudKey, out var users) ? users.GetValueOrDefault(employeeId) : null;

    /// <summary>A user holding this userPrincipalName where it must be unique: the whole tenant for the cloud, the domain for AD.</summary>
    public DirectoryUser? FindByUserPrincipalName(string? onPremisesDomain, string userPrincipalName)
    {
        if (onPremisesDomain is not null)
        {
            return byUserPrincipalName.TryGetValue(onPremisesDomain, out var users) ? users.GetValueOrDefault(userPrincipalName) : null;
        }

        foreach (var users in byUserPrincipalName.Values)
        {
            if (users.TryGetValue(userPrincipalName, out var user)) return user;
        }

        return null;
    }

    public void Add(DirectoryUser user)
    {
        byId.Add(user.Id, user);
        Index(byEmployeeId, user.OnPremisesDomain, user.EmployeeId, user);
        if (user.UserPrincipalName is { } upn) Index(byUserPrincipalName, user.OnPremisesDomain, upn, user);
        ordered.Add(user);
    }

    /// <summary>Puts back a user read from the tenant journal, keeping its object id and creation order.</summary>
    public void Restore(DirectoryUser user)
    {
        Add(user);
        sequence = Math.Max(sequence, user.Sequence);
    }

    /// <summary>Sets a user's userPrincipalName and keeps the index right.</summary>
    public void SetUserPrincipalName(DirectoryUser user, string? userPrincipalName)
    {
        if (user.UserPrincipalName is { } old && byUserPrincipalName.TryGetValue(user.OnPremisesDomain ?? CloudKey, out var users))
        {
            users.Remove(old);
        }

        user.Properties[Processing.TargetProperties.UserPrincipalName] = userPrincipalName;
        if (userPrincipalName is not null) Index(byUserPrincipalName, user.OnPremisesDomain, userPrincipalName, user);
    }

    /// <summary>Removes a user (an admin deleting an account); false when there is none with this id.</summary>
    public bool Remove(string id)
    {
        if (!byId.Remove(id, out var user)) return false;
        var scope = user.OnPremisesDomain ?? CloudKey;
        if (byEmployeeId.TryGetValue(scope, out var byEmployee)) byEmployee.Remove(user.EmployeeId);
        if (user.UserPrincipalName is { } upn && byUserPrincipalName.TryGetValue(scope, out var byUpn)) byUpn.Remove(upn);
        ordered.Remove(user);
        return true;
    }

    public void Clear()
    {
        byId.Clear();
        byEmployeeId.Clear();
        byUserPrincipalName.Clear();
        ordered.Clear();
    }

    static void Index(Dictionary<string, Dictionary<string, DirectoryUser>> index, string? domain, string key, DirectoryUser user)
    {
        var scope = domain ?? CloudKey;
        if (!index.TryGetValue(scope, out var users)) index[scope] = users = new Dictionary<string, DirectoryUser>(StringComparer.OrdinalIgnoreCase);
        users[key] = user;
    }
}
