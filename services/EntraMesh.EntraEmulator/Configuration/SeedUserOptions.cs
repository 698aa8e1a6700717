namespace EntraMesh.EntraEmulator.Configuration;

/// <summary>A user that exists in the directory before anything is uploaded (matched by <see cref="EmployeeId"/>).</summary>
public sealed class SeedUserOptions
{
    public string? Id { get; set; }

    public string EmployeeId { get; set; } = "";

    public string UserPrincipalName { get; set; } = "";

    public string? DisplayName { get; set; }

    public string? GivenName { get; set; }

    public string? Surname { get; set; }

    public string? Department { get; set; }

    public string? JobTitle { get; set; }

    public bool AccountEnabled { get; set; } = true;

    /// <summary>employeeId of the user's manager (seeded earlier in the list).</summary>
    public string? ManagerEmployeeId { get; set; }

    /// <summary>Set for a user in on-premises AD: the domain of an on-premises job.</summary>
    public string? OnPremisesDomain { get; set; }

    /// <summary>On-premises: the user's OU (default: the job's default container).</summary>
    public string? ParentDistinguishedName { get; set; }
}
