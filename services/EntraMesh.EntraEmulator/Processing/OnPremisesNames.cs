using EntraMesh.EntraEmulator.Users;

namespace EntraMesh.EntraEmulator.Processing;

/// <summary>The names an AD user gets from its container and display name: cn, distinguishedName, sAMAccountName.</summary>
public static class OnPremisesNames
{
    public static void Apply(DirectoryUser user, string? container, string commonName)
    {
        var cn = Escape(commonName);
        user.Properties[TargetProperties.AdCommonName] = commonName;
        user.Properties[TargetProperties.ParentDistinguishedName] = container;
        user.Properties[TargetProperties.AdDistinguishedName] = container is null ? $"CN={cn}" : $"CN={cn},{container}";
        if (user.UserPrincipalName is { } upn)
        {
            var account = upn.Split('@')[0];
            user.Properties[TargetProperties.AdSamAccountName] = account.Length > 20 ? account[..20] : account;
        }
    }

    /// <summary>Escapes the characters RFC 4514 reserves in an RDN value.</summary>
    static string Escape(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=') builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }
}
