using System.Globalization;
using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Users;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.ProvisioningLogs;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>
/// Applies one operation to the directory the way the provisioning service does: match externalId to employeeId, then
/// create, update, enable or disable (never delete). The caller holds the directory lock. Manager references are
/// resolved afterwards by <see cref="BatchProcessor"/>, once every user of the batch exists.
/// </summary>
internal static class OperationApplier
{
    public static void Apply(ProvisioningJob job, OperationOutcome outcome, DateTimeOffset now)
    {
        var scim = outcome.Operation.User;
        var directory = job.Tenant.Directory;
        var target = job.TargetSystemName;
        outcome.Steps.Add(new ProvisioningStep(StepKind.Import, "success", outcome.Operation.BulkId));

        if (scim.UnknownAttributes is { } unknown)
        {
            var names = string.Join(", ", unknown.Select(name => $"'{name}'"));
            var reason = $"{names} {(unknown.Count == 1 ? "is not a valid propertyName" : "are not valid propertyNames")} of the job's schema; add the attribute to the provisioning app's schema or stop sending it.";
            outcome.Steps[0] = outcome.Steps[0] with { Status = "failure", Text = reason };
            outcome.Fail(ErrorCodes.UnknownAttribute, reason);
            return;
        }

        var existing = directory.FindByEmployeeId(job.Domain, scim.ExternalId);
        if (existing is null && scim.Active == false)
        {
            outcome.Steps.Add(new ProvisioningStep(StepKind.NoMatch, "success"));
            var reason = $"User '{scim.ExternalId}' is inactive in the source and does not exist in {target}; nothing was created.";
            outcome.Steps.Add(new ProvisioningStep(StepKind.Scoping, "skipped", Text: reason));
            outcome.Skip(ErrorCodes.InactiveWithoutMatch, reason);
            return;
        }

        if (existing is null) Create(job, outcome, now);
        else Update(job, outcome, existing, now);
    }

    static void Create(ProvisioningJob job, OperationOutcome outcome, DateTimeOffset now)
    {
        var scim = outcome.Operation.User;
        var directory = job.Tenant.Directory;
        var target = job.TargetSystemName;
        outcome.Action = "create";
        outcome.Steps.Add(new ProvisioningStep(StepKind.MatchedForCreate, "success"));
        outcome.Steps.Add(new ProvisioningStep(StepKind.Scoping, "success"));

        var values = TargetValues(job, scim, outcome);
        var upn = values.GetValueOrDefault(TargetProperties.UserPrincipalName);
        if (!CheckUserPrincipalName(job, outcome, upn, self: null)) return;
        if (!TryContainer(job, outcome, values, out var container)) return;

        var user = new DirectoryUser
        {
            Id = Guid.NewGuid().ToString(),
            Sequence = directory.NextSequence(),
            EmployeeId = scim.ExternalId,
            OnPremisesDomain = job.Domain,
            AccountEnabled = scim.Active ?? true,
            CreatedAt = now,
            ModifiedAt = now,
            CreatedByJobId = job.JobId,
        };
        foreach (var (property, value) in values)
        {
            if (value is null) continue;
            user.Properties[property] = value;
            outcome.Modified.Add(new ModifiedProperty(property, null, value));
        }

        if (job.Target == ProvisioningTarget.Cloud)
        {
            user.Properties[TargetProperties.MailNickname] = upn!.Split('@')[0];
            outcome.Modified.Add(new ModifiedProperty(TargetProperties.AccountEnabled, null, Flag(user.AccountEnabled)));
        }
        else
        {
            OnPremisesNames.Apply(user, container, user.DisplayName ?? scim.ExternalId);
            outcome.Modified.Add(new ModifiedProperty(TargetProperties.AdDistinguishedName, null, user.Properties[TargetProperties.AdDistinguishedName]));
            outcome.Modified.Add(new ModifiedProperty(TargetProperties.AdAccountDisabled, null, Flag(!user.AccountEnabled)));
        }

        directory.Add(user);
        outcome.User = user;
        outcome.Created = true;
        outcome.Export = new ProvisioningStep(StepKind.ExportAdd, "success", upn);
    }

    static void Update(ProvisioningJob job, OperationOutcome outcome, DirectoryUser user, DateTimeOffset now)
    {
        var scim = outcome.Operation.User;
        var directory = job.Tenant.Directory;
        var target = job.TargetSystemName;
        outcome.Action = "update";
        outcome.User = user;
        outcome.Steps.Add(new ProvisioningStep(StepKind.MatchedForUpdate, "success"));
        outcome.Steps.Add(new ProvisioningStep(StepKind.Scoping, "success"));

        var values = TargetValues(job, scim, outcome);
        var changes = values.Where(pair => !string.Equals(user.Properties.GetValueOrDefault(pair.Key), pair.Value, StringComparison.Ordinal)).ToList();
        if (changes.FirstOrDefault(pair => pair.Key == TargetProperties.UserPrincipalName) is { Key: not null } upnChange
            && !CheckUserPrincipalName(job, outcome, upnChange.Value, user))
        {
            return;
        }

        var container = user.Properties.GetValueOrDefault(TargetProperties.ParentDistinguishedName);
        if (values.ContainsKey(TargetProperties.ParentDistinguishedName) && !TryContainer(job, outcome, values, out container)) return;

        foreach (var (property, value) in changes)
        {
            if (property == TargetProperties.ParentDistinguishedName) continue;
            outcome.Modified.Add(new ModifiedProperty(property, user.Properties.GetValueOrDefault(property), value));
            if (property == TargetProperties.UserPrincipalName) directory.SetUserPrincipalName(user, value);
            else user.Properties[property] = value;
        }

        if (job.Target == ProvisioningTarget.OnPremises)
        {
            var oldName = user.Properties.GetValueOrDefault(TargetProperties.AdDistinguishedName);
            OnPremisesNames.Apply(user, container, user.DisplayName ?? scim.ExternalId);
            var newName = user.Properties[TargetProperties.AdDistinguishedName];
            if (!string.Equals(oldName, newName, StringComparison.Ordinal)) outcome.Modified.Add(new ModifiedProperty(TargetProperties.AdDistinguishedName, oldName, newName));
        }

        if (scim.Active is { } active && active != user.AccountEnabled)
        {
            outcome.Modified.Add(job.Target == ProvisioningTarget.Cloud
                ? new ModifiedProperty(TargetProperties.AccountEnabled, Flag(user.AccountEnabled), Flag(active))
                : new ModifiedProperty(TargetProperties.AdAccountDisabled, Flag(!user.AccountEnabled), Flag(!active)));
            user.AccountEnabled = active;
            if (!active) outcome.Action = "disable";
        }

        if (outcome.Modified.Count > 0) user.ModifiedAt = now;
        outcome.Export = new ProvisioningStep(outcome.Action == "disable" ? StepKind.ExportDisable : StepKind.ExportUpdate, "success", user.UserPrincipalName);
    }

    /// <summary>The target values of the present attributes, in order (later duplicates win). Date-times without a time part do not flow.</summary>
    static Dictionary<string, string?> TargetValues(ProvisioningJob job, ScimUser scim, OperationOutcome outcome)
    {
        var values = new Dictionary<string, string?>(scim.Values.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var value in scim.Values)
        {
            if (AttributeMap.TargetOf(job.Target, value) is not { } property) continue;
            if (value.Value is { } text && TargetProperties.IsDateTime(property))
            {
                if (!text.Contains('T') || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    outcome.Steps.Add(new ProvisioningStep(StepKind.FlowSkipped, "skipped",
                        Text: $"'{value.Path}' ('{text}') did not flow to {property}: it needs a date and a time, e.g. 2021-05-01T00:00:00-05:00."));
                    continue;
                }

                values[property] = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                continue;
            }

            values[property] = value.Value;
        }

        // The job's userPrincipalName mapping, when the tenant's admin configured one: Join("@", [userName], suffix).
        if (job.Options.UserPrincipalNameSuffix is { Length: > 0 } suffix
            && values.TryGetValue(TargetProperties.UserPrincipalName, out var upn) && upn is { Length: > 0 } && !upn.Contains('@'))
        {
            values[TargetProperties.UserPrincipalName] = $"{upn}@{suffix}";
        }

        return values;
    }

    static bool CheckUserPrincipalName(ProvisioningJob job, OperationOutcome outcome, string? upn, DirectoryUser? self)
    {
        var cloud = job.Target == ProvisioningTarget.Cloud;
        if (!IsValidUserPrincipalName(upn))
        {
            var reason = upn is null
                ? $"User '{outcome.Operation.User.ExternalId}' cannot be created without a userPrincipalName: send userName."
                : $"'{upn}' is not a valid userPrincipalName (name@domain, no spaces).";
            FailExport(outcome, cloud ? ErrorCodes.InvalidUserPrincipalName : ErrorCodes.InvalidUserPrincipalNameOnPremises, reason, job.TargetSystemName);
            return false;
        }

        var holder = job.Tenant.Directory.FindByUserPrincipalName(job.Domain, upn!);
        if (holder is null || ReferenceEquals(holder, self)) return true;
        FailExport(outcome, cloud ? ErrorCodes.DuplicateUserPrincipalName : ErrorCodes.DuplicateUserPrincipalNameOnPremises,
            $"The userPrincipalName '{upn}' is already held by another user (employeeId '{holder.EmployeeId}') in {job.TargetSystemName}.", job.TargetSystemName);
        return false;
    }

    /// <summary>On-premises: the OU a user goes to (the named one when it exists, else the default container). Cloud: none.</summary>
    static bool TryContainer(ProvisioningJob job, OperationOutcome outcome, Dictionary<string, string?> values, out string? container)
    {
        container = null;
        if (job.Target != ProvisioningTarget.OnPremises) return true;
        values.Remove(TargetProperties.ParentDistinguishedName, out var wanted);
        if (string.IsNullOrWhiteSpace(wanted))
        {
            container = job.Options.DefaultContainer;
            return true;
        }

        if (job.HasOrganizationalUnit(wanted))
        {
            container = wanted.Trim();
            return true;
        }

        FailExport(outcome, ErrorCodes.ContainerNotFound,
            $"The parentDistinguishedName '{wanted}' does not name an existing OU in {job.Domain}. Existing OUs: {string.Join("; ", job.Options.OrganizationalUnits)}.",
            job.TargetSystemName);
        return false;
    }

    static void FailExport(OperationOutcome outcome, string code, string reason, string target)
    {
        outcome.Fail(code, reason, recommendedAction: "Correct the record in the source and send it again.");
        outcome.Export = new ProvisioningStep(outcome.Action == "create" ? StepKind.ExportAdd : StepKind.ExportUpdate, "failure",
            Text: $"Failed to {(outcome.Action == "create" ? "create" : "update")} User '{outcome.Operation.User.ExternalId}' in {target}: {reason}");
    }

    static bool IsValidUserPrincipalName(string? upn)
    {
        if (string.IsNullOrWhiteSpace(upn) || upn.Length > 113) return false;
        var at = upn.IndexOf('@');
        return at > 0 && at == upn.LastIndexOf('@') && at < upn.Length - 1 && !upn.Any(char.IsWhiteSpace) && upn[(at + 1)..].Contains('.');
    }

    static string Flag(bool value) => value ? "True" : "False";
}
