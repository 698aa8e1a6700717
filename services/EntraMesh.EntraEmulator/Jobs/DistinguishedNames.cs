namespace EntraMesh.EntraEmulator.Jobs;

/// <summary>Comparing AD distinguished names: case-insensitive, spaces around the commas ignored.</summary>
public static class DistinguishedNames
{
    public static string Normalize(string distinguishedName) =>
        string.Join(',', distinguishedName.Split(',').Select(part => part.Trim())).ToUpperInvariant();

    /// <summary>The <c>DC=</c> components spelled as a DNS domain (<c>DC=contoso,DC=com</c> -> contoso.com), or null.</summary>
    public static string? DomainOf(string distinguishedName)
    {
        var parts = distinguishedName.Split(',').Select(part => part.Trim())
            .Where(part => part.StartsWith("DC=", StringComparison.OrdinalIgnoreCase)).Select(part => part[3..]).ToArray();
        return parts.Length == 0 ? null : string.Join('.', parts);
    }

    /// <summary>True when every component is <c>KEY=value</c> and at least one is an OU or CN.</summary>
    public static bool IsContainer(string distinguishedName)
    {
        var parts = distinguishedName.Split(',').Select(part => part.Trim()).ToArray();
        return parts.All(part => part.IndexOf('=') is > 0 and var at && at < part.Length - 1)
            && parts.Any(part => part.StartsWith("OU=", StringComparison.OrdinalIgnoreCase) || part.StartsWith("CN=", StringComparison.OrdinalIgnoreCase));
    }
}
