using System.Text.Json;
using EntraMesh.EntraEmulator.Filtering;
using EntraMesh.EntraEmulator.ProvisioningLogs;
using static EntraMesh.EntraEmulator.Processing.TargetProperties;

namespace EntraMesh.EntraEmulator.Users;

/// <summary>
/// A directory user as Graph's user resource: cloud users directly, AD users as synced users (onPremises* properties).
/// Without <c>$select</c> only Graph's default properties are returned, as Graph does.
/// </summary>
public static class UserProjection
{
    static readonly string[] Defaults =
        ["id", "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];

    static readonly Dictionary<string, Action<Utf8JsonWriter, DirectoryUser>> Writers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = (w, u) => w.WriteString("id", u.Id),
        ["displayName"] = (w, u) => w.WriteString("displayName", u.DisplayName),
        ["givenName"] = (w, u) => w.WriteString("givenName", Get(u, GivenName)),
        ["surname"] = (w, u) => w.WriteString("surname", Get(u, Surname, AdSurname)),
        ["userPrincipalName"] = (w, u) => w.WriteString("userPrincipalName", u.UserPrincipalName),
        ["mail"] = (w, u) => w.WriteString("mail", Get(u, Mail)),
        ["mailNickname"] = (w, u) => w.WriteString("mailNickname", Get(u, MailNickname, AdSamAccountName)),
        ["jobTitle"] = (w, u) => w.WriteString("jobTitle", Get(u, JobTitle, AdTitle)),
        ["department"] = (w, u) => w.WriteString("department", Get(u, Department)),
        ["companyName"] = (w, u) => w.WriteString("companyName", Get(u, CompanyName, AdCompany)),
        ["employeeId"] = (w, u) => w.WriteString("employeeId", u.EmployeeId),
        ["employeeType"] = (w, u) => w.WriteString("employeeType", Get(u, EmployeeType)),
        ["employeeHireDate"] = (w, u) => w.WriteString("employeeHireDate", Get(u, EmployeeHireDate)),
        ["employeeLeaveDateTime"] = (w, u) => w.WriteString("employeeLeaveDateTime", Get(u, EmployeeLeaveDateTime)),
        ["accountEnabled"] = (w, u) => w.WriteBoolean("accountEnabled", u.AccountEnabled),
        ["city"] = (w, u) => w.WriteString("city", Get(u, City, AdCity)),
        ["state"] = (w, u) => w.WriteString("state", Get(u, StateOrProvince, AdState)),
        ["country"] = (w, u) => w.WriteString("country", Get(u, Country, AdCountry)),
        ["streetAddress"] = (w, u) => w.WriteString("streetAddress", Get(u, StreetAddress)),
        ["postalCode"] = (w, u) => w.WriteString("postalCode", Get(u, PostalCode)),
        ["mobilePhone"] = (w, u) => w.WriteString("mobilePhone", Get(u, MobilePhone, AdMobile)),
        ["faxNumber"] = (w, u) => w.WriteString("faxNumber", Get(u, FaxNumber, AdFax)),
        ["officeLocation"] = (w, _) => w.WriteNull("officeLocation"),
        ["preferredLanguage"] = (w, u) => w.WriteString("preferredLanguage", Get(u, PreferredLanguage)),
        ["businessPhones"] = WriteBusinessPhones,
        ["employeeOrgData"] = WriteOrgData,
        ["createdDateTime"] = (w, u) => w.WriteString("createdDateTime", LogEntryWriter.FormatTime(u.CreatedAt)),
        ["onPremisesSyncEnabled"] = (w, u) =>
        {
            if (u.IsOnPremises) w.WriteBoolean("onPremisesSyncEnabled", true);
            else w.WriteNull("onPremisesSyncEnabled");
        },
        ["onPremisesDistinguishedName"] = (w, u) => w.WriteString("onPremisesDistinguishedName", u.IsOnPremises ? Get(u, AdDistinguishedName) : null),
        ["onPremisesSamAccountName"] = (w, u) => w.WriteString("onPremisesSamAccountName", u.IsOnPremises ? Get(u, AdSamAccountName) : null),
        ["onPremisesUserPrincipalName"] = (w, u) => w.WriteString("onPremisesUserPrincipalName", u.IsOnPremises ? u.UserPrincipalName : null),
        ["onPremisesDomainName"] = (w, u) => w.WriteString("onPremisesDomainName", u.OnPremisesDomain),
    };

    /// <summary>Filterable properties of users (values compared case-insensitively, as directory filters are).</summary>
    public static readonly IReadOnlyDictionary<string, FilterField<DirectoryUser>> Fields =
        new Dictionary<string, FilterField<DirectoryUser>>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = FilterField<DirectoryUser>.ForText(u => u.Id, ignoreCase: true),
            ["employeeId"] = FilterField<DirectoryUser>.ForText(u => u.EmployeeId, ignoreCase: true),
            ["userPrincipalName"] = FilterField<DirectoryUser>.ForText(u => u.UserPrincipalName, ignoreCase: true),
            ["displayName"] = FilterField<DirectoryUser>.ForText(u => u.DisplayName, ignoreCase: true),
            ["mail"] = FilterField<DirectoryUser>.ForText(u => Get(u, Mail), ignoreCase: true),
            ["department"] = FilterField<DirectoryUser>.ForText(u => Get(u, Department), ignoreCase: true),
            ["onPremisesDomainName"] = FilterField<DirectoryUser>.ForText(u => u.OnPremisesDomain, ignoreCase: true),
            ["accountEnabled"] = FilterField<DirectoryUser>.ForFlag(u => u.AccountEnabled),
            ["onPremisesSyncEnabled"] = FilterField<DirectoryUser>.ForFlag(u => u.IsOnPremises),
        };

    /// <summary>The properties to write: <paramref name="select"/> or Graph's defaults; throws <see cref="FilterException"/> for an unknown one.</summary>
    public static IReadOnlyList<Action<Utf8JsonWriter, DirectoryUser>> Resolve(IReadOnlyList<string>? select) =>
        (select ?? Defaults).Select(name => Writers.TryGetValue(name, out var writer)
            ? writer
            : throw new FilterException($"Could not find a property named '{name}' on type 'microsoft.graph.user'.")).ToArray();

    public static void Write(Utf8JsonWriter writer, DirectoryUser user, IReadOnlyList<Action<Utf8JsonWriter, DirectoryUser>> properties)
    {
        writer.WriteStartObject();
        foreach (var property in properties) property(writer, user);
        writer.WriteEndObject();
    }

    static string? Get(DirectoryUser user, string cloud, string? onPremises = null) =>
        user.Properties.GetValueOrDefault(user.IsOnPremises && onPremises is not null ? onPremises : cloud);

    static void WriteBusinessPhones(Utf8JsonWriter writer, DirectoryUser user)
    {
        writer.WriteStartArray("businessPhones");
        if (Get(user, BusinessPhones, AdTelephone) is { } phone) writer.WriteStringValue(phone);
        writer.WriteEndArray();
    }

    static void WriteOrgData(Utf8JsonWriter writer, DirectoryUser user)
    {
        writer.WriteStartObject("employeeOrgData");
        writer.WriteString("division", Get(user, Division, AdDivision));
        writer.WriteString("costCenter", Get(user, CostCenter));
        writer.WriteEndObject();
    }
}
