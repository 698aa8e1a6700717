namespace EntraMesh.EntraEmulator.Processing;

/// <summary>
/// <c>errorInformation.errorCode</c> values of failed and skipped log entries. UnableToResolveReferenceAttributeValue,
/// AzureActiveDirectoryDuplicateUserPrincipalName and RedundantExport are what Entra writes; Microsoft documents no code
/// for the other cases, so the emulator names them plainly.
/// </summary>
public static class ErrorCodes
{
    public const string UnknownAttribute = "InvalidPropertyName";
    public const string UnresolvedManager = "UnableToResolveReferenceAttributeValue";
    public const string DuplicateUserPrincipalName = "AzureActiveDirectoryDuplicateUserPrincipalName";
    public const string InvalidUserPrincipalName = "AzureActiveDirectoryInvalidUserPrincipalName";
    public const string DuplicateUserPrincipalNameOnPremises = "ActiveDirectoryDuplicateUserPrincipalName";
    public const string InvalidUserPrincipalNameOnPremises = "ActiveDirectoryInvalidUserPrincipalName";
    public const string ContainerNotFound = "ActiveDirectoryContainerNotFound";
    public const string RedundantExport = "RedundantExport";
    public const string InactiveWithoutMatch = "SourceUserInactive";
    public const string Internal = "EmulatorInternalError";
}
