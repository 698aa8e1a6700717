using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Persistence;

/// <summary>A provisioning step as the journal keeps it.</summary>
public sealed record JournalStep(StepKind Kind, string Status, string? Argument, string? Text)
{
    public static JournalStep Of(ProvisioningStep step) => new(step.Kind, step.Status, step.Argument, step.Text);

    public ProvisioningStep ToStep() => new(Kind, Status, Argument, Text);
}
