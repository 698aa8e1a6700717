namespace EntraMesh.Dispatch.Configuration;

/// <summary>The key under which a tenant's budgets are shared: identity platform host and tenant, lower case.</summary>
public static class TenantKey
{
    public static string Of(TargetOptions target)
    {
        var authority = target.EffectiveAuthority;
        var host = Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.Authority : authority;
        return $"{host}/{target.TenantId?.Trim()}".ToLowerInvariant();
    }
}
