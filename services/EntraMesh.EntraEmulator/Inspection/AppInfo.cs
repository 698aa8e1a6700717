namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>An app registration: where its generated secret is (null when configured), its certificate thumbprints and roles.</summary>
public sealed record AppInfo(string ClientId, string DisplayName, IReadOnlyList<string> Roles, bool HasSecret, string? SecretFile, IReadOnlyList<string> CertificateThumbprints);
