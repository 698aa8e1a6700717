using EntraMesh.EntraEmulator.BulkUpload;
using EntraMesh.EntraEmulator.Configuration;
using static EntraMesh.EntraEmulator.Processing.TargetProperties;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>
/// The default attribute mappings of the two API-driven provisioning apps (source SCIM path -> target property).
/// <c>externalId</c> -> employeeId is also the matching pair. Attributes without a mapping are accepted and not written.
/// </summary>
public static class AttributeMap
{
    static readonly Dictionary<string, string> Cloud = new(StringComparer.Ordinal)
    {
        [ScimPaths.ExternalId] = EmployeeId,
        [ScimPaths.UserName] = UserPrincipalName,
        [ScimPaths.DisplayName] = DisplayName,
        [ScimPaths.NameGivenName] = GivenName,
        [ScimPaths.NameFamilyName] = Surname,
        [ScimPaths.Title] = JobTitle,
        [ScimPaths.UserType] = EmployeeType,
        [ScimPaths.PreferredLanguage] = PreferredLanguage,
        [ScimPaths.WorkEmail] = Mail,
        [ScimPaths.WorkPhone] = BusinessPhones,
        [ScimPaths.MobilePhone] = MobilePhone,
        [ScimPaths.FaxPhone] = FaxNumber,
        [ScimPaths.WorkStreetAddress] = StreetAddress,
        [ScimPaths.WorkLocality] = City,
        [ScimPaths.WorkRegion] = StateOrProvince,
        [ScimPaths.WorkPostalCode] = PostalCode,
        [ScimPaths.WorkCountry] = Country,
        [ScimPaths.Department] = Department,
        [ScimPaths.Organization] = CompanyName,
        [ScimPaths.Division] = Division,
        [ScimPaths.CostCenter] = CostCenter,
    };

    static readonly Dictionary<string, string> OnPremises = new(StringComparer.Ordinal)
    {
        [ScimPaths.ExternalId] = AdEmployeeId,
        [ScimPaths.UserName] = UserPrincipalName,
        [ScimPaths.DisplayName] = DisplayName,
        [ScimPaths.NameGivenName] = GivenName,
        [ScimPaths.NameFamilyName] = AdSurname,
        [ScimPaths.Title] = AdTitle,
        [ScimPaths.UserType] = EmployeeType,
        [ScimPaths.WorkEmail] = Mail,
        [ScimPaths.WorkPhone] = AdTelephone,
        [ScimPaths.MobilePhone] = AdMobile,
        [ScimPaths.FaxPhone] = AdFax,
        [ScimPaths.WorkStreetAddress] = StreetAddress,
        [ScimPaths.WorkLocality] = AdCity,
        [ScimPaths.WorkRegion] = AdState,
        [ScimPaths.WorkPostalCode] = PostalCode,
        [ScimPaths.WorkCountry] = AdCountry,
        [ScimPaths.Department] = Department,
        [ScimPaths.Organization] = AdCompany,
        [ScimPaths.Division] = AdDivision,
        [ScimPaths.EmployeeNumber] = AdEmployeeNumber,
    };

    /// <summary>The target property a present value is written to, or null when it is not mapped.</summary>
    public static string? TargetOf(ProvisioningTarget target, in ScimValue value)
    {
        if (value.Custom is { } custom) return custom.Target;
        return (target == ProvisioningTarget.Cloud ? Cloud : OnPremises).GetValueOrDefault(value.Path);
    }

    /// <summary>The property that says whether the account is enabled.</summary>
    public static string EnabledProperty(ProvisioningTarget target) => target == ProvisioningTarget.Cloud ? AccountEnabled : AdAccountDisabled;

    /// <summary>The property matched against externalId.</summary>
    public static string MatchingProperty(ProvisioningTarget target) => target == ProvisioningTarget.Cloud ? EmployeeId : AdEmployeeId;
}
