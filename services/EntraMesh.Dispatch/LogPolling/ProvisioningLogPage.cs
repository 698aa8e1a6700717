namespace EntraMesh.Dispatch.LogPolling;

/// <summary>One page of provisioning-log entries and the link to the next, if any.</summary>
public sealed record ProvisioningLogPage(IReadOnlyList<ProvisioningLogEntry> Entries, Uri? NextLink);
