namespace EntraMesh.EntraEmulator.Inspection;

/// <summary>A tenant in <see cref="EmulatorConfigurationSnapshot"/>.</summary>
public sealed record TenantInfo(string Id, string DomainName, string DisplayName, IReadOnlyList<AppInfo> Applications, IReadOnlyList<JobInfo> Jobs);
