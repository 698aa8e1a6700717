namespace EntraMesh.EntraEmulator.Users;

/// <summary>
/// A user in the simulated tenant: in Microsoft Entra ID (cloud) or, when <see cref="OnPremisesDomain"/> is set, in that
/// on-premises AD domain (and synced to the tenant). Properties are keyed by target property name. Guarded by the
/// tenant directory's lock.
/// </summary>
public sealed class DirectoryUser
{
    public required string Id { get; init; }

    /// <summary>Creation order (for paging).</summary>
    public required long Sequence { get; init; }

    /// <summary>The matching key: employeeId (cloud) or employeeID (AD), equal to the source's externalId.</summary>
    public required string EmployeeId { get; init; }

    public string? OnPremisesDomain { get; init; }

    public bool IsOnPremises => OnPremisesDomain is not null;

    /// <summary>Whether the account is enabled; also kept as the target's property (accountEnabled, or accountDisabled in AD).</summary>
    public bool AccountEnabled
    {
        get;
        set
        {
            field = value;
            if (IsOnPremises) Properties[Processing.TargetProperties.AdAccountDisabled] = value ? "False" : "True";
            else Properties[Processing.TargetProperties.AccountEnabled] = value ? "True" : "False";
        }
    }

    /// <summary>Object id of the manager.</summary>
    public string? ManagerId { get; set; }

    public Dictionary<string, string?> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ModifiedAt { get; set; }

    /// <summary>The job that created the user; null for seeded users.</summary>
    public string? CreatedByJobId { get; init; }

    public string? UserPrincipalName => Properties.GetValueOrDefault(Processing.TargetProperties.UserPrincipalName);

    public string? DisplayName => Properties.GetValueOrDefault(Processing.TargetProperties.DisplayName);
}
