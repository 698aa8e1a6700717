using System.Text.Json;
using EntraMesh.EntraEmulator.Certificates;
using EntraMesh.EntraEmulator.Diagnostics;
using EntraMesh.EntraEmulator.State;
using EntraMesh.EntraEmulator.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EntraMesh.EntraEmulator.Hosting;

/// <summary>
/// Once the server listens, writes <c>{state}/emulator.json</c> (addresses, certificate, tenants, apps with the path of
/// any generated secret, jobs; never a secret) for scripts that start other services against the emulator, and logs where
/// everything is.
/// </summary>
public sealed class EmulatorManifest(IServer server, IHostApplicationLifetime lifetime, EmulatorRegistry registry, StateDirectory state,
    EmulatorCertificate certificate, ILogger<EmulatorManifest> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void Write()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var baseUrl = addresses.Select(ClientAddress).FirstOrDefault() ?? "";
        var manifest = new
        {
            baseUrls = addresses.Select(ClientAddress).ToArray(),
            certificate = new { pemPath = certificate.PublicPemPath, thumbprint = certificate.Thumbprint, sha256Thumbprint = certificate.Sha256Thumbprint },
            tenants = registry.Tenants.Select(tenant => new
            {
                id = tenant.Id,
                domainName = tenant.DomainName,
                authority = $"{baseUrl}/{tenant.Id}/",
                oidcAuthority = $"{baseUrl}/{tenant.Id}/v2.0",
                graphBaseUrl = $"{baseUrl}/v1.0",
                applications = tenant.Apps.Select(app => new { clientId = app.ClientId, displayName = app.DisplayName, roles = app.Roles, secretFile = app.SecretFile }),
                jobs = tenant.Jobs.Select(job => new
                {
                    servicePrincipalId = job.ServicePrincipalId, jobId = job.JobId, target = job.Target.ToString(), domain = job.Domain,
                    defaultContainer = job.Options.DefaultContainer,
                }),
            }),
        };
        try
        {
            StateDirectory.WritePublic(state.ManifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            EmulatorLog.ManifestFailed(logger, error, state.ManifestPath);
        }

        EmulatorLog.Started(logger, string.Join(", ", addresses), state.Path, certificate.PublicPemPath, certificate.Thumbprint, state.ManifestPath);
    }

    /// <summary>An address a client can use: wildcard hosts become 127.0.0.1.</summary>
    public static string ClientAddress(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
