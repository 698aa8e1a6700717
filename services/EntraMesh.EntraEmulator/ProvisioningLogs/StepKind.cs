namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>The provisioning steps the emulator writes; each has Entra's step name and type and a text template.</summary>
public enum StepKind
{
    Import,
    NoMatch,
    MatchedForCreate,
    MatchedForUpdate,
    Scoping,
    FlowSkipped,
    ReferenceResolution,
    ExportAdd,
    ExportUpdate,
    ExportDisable,
    ExportSkipped,
}
