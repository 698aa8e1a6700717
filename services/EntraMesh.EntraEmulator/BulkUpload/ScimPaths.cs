using EntraMesh.Scim;

namespace EntraMesh.EntraEmulator.BulkUpload;

/// <summary>Canonical paths of the core User and enterprise attributes the emulator reads, and the UTF-8 names it matches (case-insensitively).</summary>
public static class ScimPaths
{
    public const string ExternalId = "externalId";
    public const string UserName = "userName";
    public const string DisplayName = "displayName";
    public const string NickName = "nickName";
    public const string ProfileUrl = "profileUrl";
    public const string Title = "title";
    public const string UserType = "userType";
    public const string PreferredLanguage = "preferredLanguage";
    public const string Locale = "locale";
    public const string Timezone = "timezone";
    public const string Active = "active";

    public const string NameFormatted = "name.formatted";
    public const string NameFamilyName = "name.familyName";
    public const string NameGivenName = "name.givenName";
    public const string NameMiddleName = "name.middleName";
    public const string NameHonorificPrefix = "name.honorificPrefix";
    public const string NameHonorificSuffix = "name.honorificSuffix";

    public const string WorkEmail = "emails[type eq \"work\"].value";
    public const string WorkPhone = "phoneNumbers[type eq \"work\"].value";
    public const string MobilePhone = "phoneNumbers[type eq \"mobile\"].value";
    public const string FaxPhone = "phoneNumbers[type eq \"fax\"].value";
    public const string WorkStreetAddress = "addresses[type eq \"work\"].streetAddress";
    public const string WorkLocality = "addresses[type eq \"work\"].locality";
    public const string WorkRegion = "addresses[type eq \"work\"].region";
    public const string WorkPostalCode = "addresses[type eq \"work\"].postalCode";
    public const string WorkCountry = "addresses[type eq \"work\"].country";

    public const string EmployeeNumber = ScimSchemas.EnterpriseUser + ":employeeNumber";
    public const string CostCenter = ScimSchemas.EnterpriseUser + ":costCenter";
    public const string Organization = ScimSchemas.EnterpriseUser + ":organization";
    public const string Division = ScimSchemas.EnterpriseUser + ":division";
    public const string Department = ScimSchemas.EnterpriseUser + ":department";
    public const string Manager = ScimSchemas.EnterpriseUser + ":manager";

    /// <summary>Single-valued string attributes of core User.</summary>
    internal static readonly (byte[] Utf8, string Path)[] CoreStrings =
    [
        ("externalid"u8.ToArray(), ExternalId), ("username"u8.ToArray(), UserName), ("displayname"u8.ToArray(), DisplayName),
        ("nickname"u8.ToArray(), NickName), ("profileurl"u8.ToArray(), ProfileUrl), ("title"u8.ToArray(), Title),
        ("usertype"u8.ToArray(), UserType), ("preferredlanguage"u8.ToArray(), PreferredLanguage), ("locale"u8.ToArray(), Locale),
        ("timezone"u8.ToArray(), Timezone),
    ];

    internal static readonly (byte[] Utf8, string Path)[] NameParts =
    [
        ("formatted"u8.ToArray(), NameFormatted), ("familyname"u8.ToArray(), NameFamilyName), ("givenname"u8.ToArray(), NameGivenName),
        ("middlename"u8.ToArray(), NameMiddleName), ("honorificprefix"u8.ToArray(), NameHonorificPrefix),
        ("honorificsuffix"u8.ToArray(), NameHonorificSuffix),
    ];

    internal static readonly (byte[] Utf8, string Path)[] EnterpriseStrings =
    [
        ("employeenumber"u8.ToArray(), EmployeeNumber), ("costcenter"u8.ToArray(), CostCenter), ("organization"u8.ToArray(), Organization),
        ("division"u8.ToArray(), Division), ("department"u8.ToArray(), Department),
    ];

    internal static readonly (byte[] Utf8, string Path)[] AddressParts =
    [
        ("streetaddress"u8.ToArray(), WorkStreetAddress), ("locality"u8.ToArray(), WorkLocality), ("region"u8.ToArray(), WorkRegion),
        ("postalcode"u8.ToArray(), WorkPostalCode), ("country"u8.ToArray(), WorkCountry), ("formatted"u8.ToArray(), ""),
    ];

    /// <summary>Multi-valued attributes that are accepted and not mapped.</summary>
    internal static readonly byte[][] IgnoredMultiValued =
        ["ims"u8.ToArray(), "photos"u8.ToArray(), "roles"u8.ToArray(), "entitlements"u8.ToArray(), "x509certificates"u8.ToArray(), "groups"u8.ToArray()];

    /// <summary>Read-only SCIM attributes a client may echo; ignored.</summary>
    internal static readonly byte[][] Ignored = ["id"u8.ToArray(), "meta"u8.ToArray()];
}
