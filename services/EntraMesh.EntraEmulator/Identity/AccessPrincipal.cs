namespace EntraMesh.EntraEmulator.Identity;

/// <summary>The caller of a Graph endpoint, from a validated access token.</summary>
public sealed record AccessPrincipal(string TenantId, string AppId, IReadOnlySet<string> Roles, DateTimeOffset ExpiresAt, DateTimeOffset NotBefore, DateTimeOffset IssuedAt)
{
    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}
