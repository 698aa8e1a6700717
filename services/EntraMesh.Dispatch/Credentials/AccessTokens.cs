using System.Collections.Concurrent;
using EntraMesh.Dispatch.Configuration;
using Microsoft.Identity.Client;

namespace EntraMesh.Dispatch.Credentials;

/// <summary>
/// App-only tokens per target through MSAL's confidential client (client credentials with a secret or a certificate).
/// MSAL caches the token and fetches a new one before it expires; <see cref="GetAsync"/> with <c>forceRefresh</c>
/// skips the cache after a 401. For an authority other than Microsoft's clouds (a local emulator) the authority is
/// not validated and instance discovery is off.
/// </summary>
public sealed class AccessTokens(TargetHttpClients clients)
{
    static readonly string[] MicrosoftHosts =
    [
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
    ];

    readonly ConcurrentDictionary<string, Lazy<IConfidentialClientApplication>> applications = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string> GetAsync(DispatchTarget target, bool forceRefresh, CancellationToken cancellationToken)
    {
        var application = applications.GetOrAdd(target.Name, _ => new Lazy<IConfidentialClientApplication>(() => Build(target))).Value;
        var result = await application.AcquireTokenForClient([target.Scope])
            .WithForceRefresh(forceRefresh)
            .ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    IConfidentialClientApplication Build(DispatchTarget target)
    {
        var authority = $"{target.Authority.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(target.TenantId)}/";
        var isMicrosoftCloud = MicrosoftHosts.Contains(target.Authority.Host, StringComparer.OrdinalIgnoreCase);
        var builder = ConfidentialClientApplicationBuilder.Create(target.ClientId)
            .WithHttpClientFactory(new SharedMsalHttpClientFactory(clients.For(target)));

        builder = isMicrosoftCloud
            ? builder.WithAuthority(authority)
            : builder.WithAuthority(authority, validateAuthority: false).WithInstanceDiscovery(false);

        builder = target.Credential switch
        {
            TargetCredential.ClientSecret secret => builder.WithClientSecret(secret.Value),
            TargetCredential.Certificate certificate => builder.WithCertificate(certificate.Load(), sendX5C: true),
            _ => throw new InvalidOperationException($"Target '{target.Name}' has an unknown kind of credential."),
        };

        return builder.Build();
    }
}
