using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>A modified property of a log entry as the journal keeps it.</summary>
public sealed record JournalChange(string DisplayName, string? OldValue, string? NewValue)
{
    public static JournalChange Of(ModifiedProperty property) => new(property.DisplayName, property.OldValue, property.NewValue);

    public ModifiedProperty ToProperty() => new(DisplayName, OldValue, NewValue);
}
