namespace EntraMesh.Launcher.Mesh;

/// <summary>The ids of the emulator's default tenant (services/EntraMesh.EntraEmulator/appsettings.json).</summary>
public static class EmulatorTenant
{
    public const string TenantId = "5a3d4936-e7c3-47a3-9f87-ae17e9239b61";
    public const string ClientId = "4c821812-5cee-464f-8374-1ae513fd2387";
    public const string CloudServicePrincipalId = "0d295d78-f863-4bf1-a52e-10a35977e96f";
    public const string CloudJobId = "API2AAD.5a3d4936e7c347a39f87ae17e9239b61.2166f772-9553-428a-b28e-692f7f958963";
    public const string OnPremisesServicePrincipalId = "b3ec5abb-2a60-487e-a312-e0401ea61b78";
    public const string OnPremisesJobId = "API2AD.5a3d4936e7c347a39f87ae17e9239b61.0715a20e-7ef6-454d-8441-2158b5de82a4";
    public const string Domain = "contoso.com";

    /// <summary>Target names of samples/rules/csv2scim.yaml.</summary>
    public const string CloudTarget = "woodgrove-cloud";
    public const string OnPremisesTarget = "woodgrove-ad";
}
