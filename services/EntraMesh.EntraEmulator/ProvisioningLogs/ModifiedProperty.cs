namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>One <c>modifiedProperties</c> item.</summary>
public readonly record struct ModifiedProperty(string DisplayName, string? OldValue, string? NewValue);
