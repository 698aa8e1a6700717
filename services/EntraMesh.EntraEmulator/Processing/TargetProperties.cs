namespace EntraMesh.EntraEmulator.Processing;

/// <summary>Names of the target properties users get: Graph user properties (cloud) and AD attributes (on-premises).</summary>
public static class TargetProperties
{
    // Microsoft Entra ID (Graph user properties).
    public const string EmployeeId = "employeeId";
    public const string UserPrincipalName = "userPrincipalName";
    public const string MailNickname = "mailNickname";
    public const string DisplayName = "displayName";
    public const string GivenName = "givenName";
    public const string Surname = "surname";
    public const string JobTitle = "jobTitle";
    public const string EmployeeType = "employeeType";
    public const string PreferredLanguage = "preferredLanguage";
    public const string Mail = "mail";
    public const string BusinessPhones = "businessPhones";
    public const string MobilePhone = "mobilePhone";
    public const string FaxNumber = "faxNumber";
    public const string StreetAddress = "streetAddress";
    public const string City = "city";
    public const string StateOrProvince = "state";
    public const string PostalCode = "postalCode";
    public const string Country = "country";
    public const string Department = "department";
    public const string CompanyName = "companyName";
    public const string Division = "employeeOrgData.division";
    public const string CostCenter = "employeeOrgData.costCenter";
    public const string EmployeeHireDate = "employeeHireDate";
    public const string EmployeeLeaveDateTime = "employeeLeaveDateTime";
    public const string AccountEnabled = "accountEnabled";
    public const string Manager = "manager";

    // On-premises Active Directory attributes.
    public const string AdEmployeeId = "employeeID";
    public const string AdSurname = "sn";
    public const string AdTitle = "title";
    public const string AdCity = "l";
    public const string AdState = "st";
    public const string AdCountry = "c";
    public const string AdCompany = "company";
    public const string AdDivision = "division";
    public const string AdTelephone = "telephoneNumber";
    public const string AdMobile = "mobile";
    public const string AdFax = "facsimileTelephoneNumber";
    public const string AdEmployeeNumber = "employeeNumber";
    public const string AdSamAccountName = "sAMAccountName";
    public const string AdCommonName = "cn";
    public const string AdDistinguishedName = "distinguishedName";
    public const string AdAccountDisabled = "accountDisabled";
    public const string ParentDistinguishedName = "parentDistinguishedName";

    /// <summary>Target properties that hold a date and time: values without a time part do not flow (as in Entra).</summary>
    public static bool IsDateTime(string target) =>
        string.Equals(target, EmployeeHireDate, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, EmployeeLeaveDateTime, StringComparison.OrdinalIgnoreCase);
}
