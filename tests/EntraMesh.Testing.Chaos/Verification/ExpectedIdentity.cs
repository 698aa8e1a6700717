using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos.Workforce;

namespace EntraMesh.Testing.Chaos.Verification;

/// <summary>
/// What a worker's last accepted record must look like in the emulator's directory under the sample rules
/// (samples/rules/csv2scim.yaml: employees in on-premises AD with an OU by Location, everybody else in Entra ID) and the
/// emulator's default attribute mappings.
/// </summary>
public sealed record ExpectedIdentity(string Target, bool Active, int Sequence, IReadOnlyDictionary<string, string?> Properties, string? ManagerEmployeeId)
{
    public bool OnPremises => Target == EmulatorTenant.OnPremisesTarget;

    public static ExpectedIdentity For(HrWorker worker, SentRecord record)
    {
        var a = record.Attributes;
        string? Get(string name) => a.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["userPrincipalName"] = $"{Get("UserID")}@{EmulatorTenant.Domain}",
            ["displayName"] = Get("FullName"),
            ["givenName"] = Get("FirstName"),
            ["department"] = Get("Department"),
            ["streetAddress"] = Get("StreetAddress"),
            ["postalCode"] = Get("ZipCode"),
        };

        if (worker.IsEmployee)
        {
            properties["sn"] = Get("LastName");
            properties["title"] = Get("JobTitle");
            properties["telephoneNumber"] = Get("OfficePhone");
            properties["l"] = Get("City");
            properties["c"] = Get("CountryCode");
            properties["company"] = Get("Company");
            properties["division"] = Get("Division");
            properties["employeeNumber"] = Get("WorkerID");
            properties["parentDistinguishedName"] = OrganizationalUnit(Get("Location"));
        }
        else
        {
            properties["surname"] = Get("LastName");
            properties["jobTitle"] = Get("JobTitle");
            properties["businessPhones"] = Get("OfficePhone");
            properties["city"] = Get("City");
            properties["country"] = Get("CountryCode");
            properties["companyName"] = Get("Company");
            properties["employeeOrgData.division"] = Get("Division");
            properties["employeeOrgData.costCenter"] = Get("CostCenter");
        }

        return new ExpectedIdentity(worker.IsEmployee ? EmulatorTenant.OnPremisesTarget : EmulatorTenant.CloudTarget, record.Active, record.Sequence,
            properties, Get("ManagerID"));
    }

    /// <summary>The rule set's Switch([Location], ...) for the OU.</summary>
    static string OrganizationalUnit(string? location) => location switch
    {
        "Europe" => "OU=Europe,OU=Users,DC=contoso,DC=com",
        "Asia Pacific" => "OU=APAC,OU=Users,DC=contoso,DC=com",
        "North America" => "OU=NA,OU=Users,DC=contoso,DC=com",
        _ => "OU=Users,DC=contoso,DC=com",
    };
}
