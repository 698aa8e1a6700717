using EntraMesh.EntraEmulator.Configuration;
using EntraMesh.EntraEmulator.Jobs;
using EntraMesh.EntraEmulator.Processing;
using EntraMesh.EntraEmulator.Tenancy;

namespace EntraMesh.EntraEmulator.Users;

/// <summary>Puts a tenant's configured users into its directory (at start and on reset).</summary>
public static class DirectorySeeder
{
    public static void Seed(EmulatorTenant tenant, DateTimeOffset now)
    {
        lock (tenant.Directory.Gate)
        {
            foreach (var seed in tenant.Options.Users) Add(tenant, seed, now);
        }
    }

    /// <summary>Adds one user; the caller holds the directory lock. Returns the user.</summary>
    public static DirectoryUser Add(EmulatorTenant tenant, SeedUserOptions seed, DateTimeOffset now)
    {
        var directory = tenant.Directory;
        var job = seed.OnPremisesDomain is null ? null : tenant.Jobs.FirstOrDefault(candidate =>
            candidate.Target == ProvisioningTarget.OnPremises && string.Equals(candidate.Domain, seed.OnPremisesDomain, StringComparison.OrdinalIgnoreCase));
        var user = new DirectoryUser
        {
            Id = string.IsNullOrWhiteSpace(seed.Id) ? Guid.NewGuid().ToString() : seed.Id,
            Sequence = directory.NextSequence(),
            EmployeeId = seed.EmployeeId,
            OnPremisesDomain = job?.Domain ?? seed.OnPremisesDomain,
            AccountEnabled = seed.AccountEnabled,
            CreatedAt = now,
            ModifiedAt = now,
        };

        var onPremises = user.IsOnPremises;
        user.Properties[onPremises ? TargetProperties.AdEmployeeId : TargetProperties.EmployeeId] = seed.EmployeeId;
        user.Properties[TargetProperties.UserPrincipalName] = seed.UserPrincipalName;
        user.Properties[TargetProperties.DisplayName] = seed.DisplayName;
        user.Properties[TargetProperties.GivenName] = seed.GivenName;
        user.Properties[onPremises ? TargetProperties.AdSurname : TargetProperties.Surname] = seed.Surname;
        user.Properties[TargetProperties.Department] = seed.Department;
        user.Properties[onPremises ? TargetProperties.AdTitle : TargetProperties.JobTitle] = seed.JobTitle;
        if (onPremises)
        {
            var container = seed.ParentDistinguishedName ?? job?.Options.DefaultContainer;
            OnPremisesNames.Apply(user, container, seed.DisplayName ?? seed.EmployeeId);
        }
        else
        {
            user.Properties[TargetProperties.MailNickname] = seed.UserPrincipalName.Split('@')[0];
        }

        if (seed.ManagerEmployeeId is { } manager) user.ManagerId = directory.FindByEmployeeId(user.OnPremisesDomain, manager)?.Id;
        directory.Add(user);
        return user;
    }
}
