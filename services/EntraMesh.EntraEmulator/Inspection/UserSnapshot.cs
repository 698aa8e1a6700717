namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>A directory user as <c>GET /_emulator/directory</c> shows it: identity, target, state, manager and every property.</summary>
public sealed record UserSnapshot(
    string Id,
    string EmployeeId,
    string? UserPrincipalName,
    string? DisplayName,
    bool AccountEnabled,
    string? OnPremisesDomain,
    string? ParentDistinguishedName,
    string? DistinguishedName,
    string? ManagerId,
    string? ManagerEmployeeId,
    string? CreatedByJobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    IReadOnlyDictionary<string, string?> Properties);
