using EntraMesh.EntraEmulator.Configuration;

namespace EntraMesh.EntraEmulator.Inspection;

/// <summary><c>GET /_emulator/config</c>: tenants, app registrations (never their secrets), jobs, limits and delays in effect.</summary>
public sealed record EmulatorConfigurationSnapshot(IReadOnlyList<TenantInfo> Tenants, LimitsOptions Limits, ProcessingDelays Delays, string StateDirectory);
