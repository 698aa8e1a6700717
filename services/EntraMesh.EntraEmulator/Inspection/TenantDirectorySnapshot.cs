namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>One tenant's users (cloud and on-premises), in creation order.</summary>
public sealed record TenantDirectorySnapshot(string TenantId, string DomainName, IReadOnlyList<UserSnapshot> Users);
