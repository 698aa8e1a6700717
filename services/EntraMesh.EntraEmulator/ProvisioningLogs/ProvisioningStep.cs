using EntraMesh.EntraEmulator.Processing;

namespace EntraMesh.EntraEmulator.ProvisioningLogs;

/// <summary>
/// One <c>provisioningSteps</c> item. Kept compact (a kind, a status, an argument) and turned into Entra's name, type and
/// description when written, so hundreds of thousands of log entries stay cheap; <paramref name="Text"/> overrides the
/// description (failures carry their reason).
/// </summary>
public readonly record struct ProvisioningStep(StepKind Kind, string Status, string? Argument = null, string? Text = null)
{
    public string Name => Kind switch
    {
        StepKind.Import => "EntryImport",
        StepKind.NoMatch => "EntryMatching",
        StepKind.MatchedForCreate => "EntrySynchronizationAdd",
        StepKind.MatchedForUpdate => "EntrySynchronizationUpdate",
        StepKind.Scoping => "EntryScoping",
        StepKind.FlowSkipped => "EntryFlowSkipped",
        StepKind.ReferenceResolution => "EntryReferenceResolution",
        StepKind.ExportAdd => "EntryExportAdd",
        _ => "EntryExportUpdate",
    };

    /// <summary>import, matching, scoping, processing, referenceResolution or export.</summary>
    public string Type => Kind switch
    {
        StepKind.Import => "import",
        StepKind.NoMatch or StepKind.MatchedForCreate or StepKind.MatchedForUpdate => "matching",
        StepKind.Scoping => "scoping",
        StepKind.FlowSkipped => "processing",
        StepKind.ReferenceResolution => "referenceResolution",
        _ => "export",
    };

    /// <summary>The user's UPN on successful exports (Entra's <c>details.ReportableIdentifier</c>).</summary>
    public string? ReportableIdentifier => Kind is StepKind.ExportAdd or StepKind.ExportUpdate or StepKind.ExportDisable && Status == "success" ? Argument : null;

    public string Describe(ProvisioningLogEntry entry)
    {
        if (Text is not null) return Text;
        var source = entry.SourceId;
        var target = entry.Job.TargetSystemName;
        var matchOn = AttributeMap.MatchingProperty(entry.Job.Target);
        return Kind switch
        {
            StepKind.Import => $"Retrieved User '{source}' from the inbound provisioning API (bulkId '{Argument}').",
            StepKind.NoMatch => $"No User with {matchOn} '{source}' was found in {target}.",
            StepKind.MatchedForCreate => $"User '{source}' will be created in {target} (no User with {matchOn} '{source}' was found).",
            StepKind.MatchedForUpdate => $"User '{source}' will be updated in {target} (matched the User with {matchOn} '{source}').",
            StepKind.Scoping => $"User '{source}' is in scope.",
            StepKind.ReferenceResolution => $"Resolved manager '{Argument}' to the User with {matchOn} '{Argument}' in {target}.",
            StepKind.ExportAdd => $"User '{Argument}' was created in {target}.",
            StepKind.ExportUpdate => $"User '{Argument}' was updated in {target}.",
            StepKind.ExportDisable => $"User '{Argument}' was disabled in {target}.",
            StepKind.ExportSkipped => $"User '{source}' already has these values; nothing was exported to {target}.",
            _ => Kind.ToString(),
        };
    }
}
