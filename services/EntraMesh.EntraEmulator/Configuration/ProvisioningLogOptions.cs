namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>Retention and paging of <c>GET /auditLogs/provisioning</c>.</summary>
public sealed class ProvisioningLogOptions
{
    /// <summary>Entries kept per tenant; the oldest are dropped beyond it (memory bound).</summary>
    public int MaxEntriesPerTenant { get; set; } = 200_000;

    /// <summary>Page size without <c>$top</c>.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest <c>$top</c> accepted.</summary>
    public int MaxPageSize { get; set; } = 1000;
}
