namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>One <c>provisioningSteps</c> item: name, type (import, matching, scoping, referenceResolution, export), status and text.</summary>
public readonly record struct ProvisioningStep(string Name, string Type, string Status, string Description, string? ReportableIdentifier = null);
