using System.Security.Cryptography.X509Certificates;

namespace EntraMesh.Launcher.Mesh;

/// <summary>The settings each service gets: the same keys a deployment sets (see charts/entramesh and docs).</summary>
internal static class MeshEnvironment
{
    public static Dictionary<string, string> For(string name, MeshLauncher mesh, MeshOptions options, Uri baseUrl)
    {
        var ports = mesh.PortsInUse;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = options.Environment,
            ["DOTNET_NOLOGO"] = "1",
            ["OTEL_SERVICE_NAME"] = "entramesh-" + name,
        };

        if (name != "emulator")
        {
            environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        }

        if (name is "ingest" or "mapping" or "dispatch" or "reconciliation")
        {
            environment["ConnectionStrings__postgres"] = mesh.ServicePostgresConnectionString();
            environment["ConnectionStrings__rabbitmq"] = options.RabbitMqUri.ToString();
        }

        switch (name)
        {
            case "emulator":
                environment["Emulator__Urls"] = mesh.EmulatorUrl.ToString().TrimEnd('/');
                environment["Emulator__StateDirectory"] = mesh.EmulatorStateDirectory;
                environment["Emulator__Tenants__0__Applications__0__ClientSecret"] = mesh.Secrets.EntraClientSecret;
                // The tenant's provisioning apps append the domain to a userName without one, as an admin's
                // Join("@", [userName], "contoso.com") mapping would (the CSV2SCIM sample sends UserID as userName).
                environment["Emulator__Tenants__0__ProvisioningApps__0__UserPrincipalNameSuffix"] = EmulatorTenant.Domain;
                environment["Emulator__Tenants__0__ProvisioningApps__1__UserPrincipalNameSuffix"] = EmulatorTenant.Domain;
                environment["Emulator__Limits__Enabled"] = options.EmulatorLimits ? "true" : "false";
                break;

            case "ingest":
                environment["Ingest__StateDirectory"] = Path.Combine(options.RunDirectory, "ingest");
                // The sample source takes CSV imports and signed EntraMesh webhooks, so movers, leavers and rehires
                // arrive for the same (source, worker) the import created.
                environment["Sources__0__WebhookFormat"] = "EntraMesh";
                environment["Sources__0__Secrets__0"] = mesh.Secrets.WebhookSecret;
                environment["Sources__1__Secrets__0"] = mesh.Secrets.WebhookSecret;
                environment["Sources__2__Secrets__0"] = mesh.Secrets.WebhookSecret;
                break;

            case "mapping":
                environment["Rules__Path"] = options.RulesPath ?? Path.Combine(options.Root, "samples", "rules", "csv2scim.yaml");
                break;

            case "dispatch":
                foreach (var (index, target, servicePrincipal, job) in new[]
                {
                    (0, EmulatorTenant.CloudTarget, EmulatorTenant.CloudServicePrincipalId, EmulatorTenant.CloudJobId),
                    (1, EmulatorTenant.OnPremisesTarget, EmulatorTenant.OnPremisesServicePrincipalId, EmulatorTenant.OnPremisesJobId),
                })
                {
                    var prefix = $"Dispatch__Targets__{index}__";
                    environment[prefix + "Name"] = target;
                    environment[prefix + "TenantId"] = EmulatorTenant.TenantId;
                    environment[prefix + "ClientId"] = EmulatorTenant.ClientId;
                    environment[prefix + "ClientSecret"] = mesh.Secrets.EntraClientSecret;
                    environment[prefix + "ServicePrincipalId"] = servicePrincipal;
                    environment[prefix + "JobId"] = job;
                    environment[prefix + "EmulatorBaseUrl"] = mesh.EmulatorUrl.ToString().TrimEnd('/');
                    environment[prefix + "TrustedCertificatePath"] = mesh.EmulatorCertificatePath;
                    environment[prefix + "DailyBudget"] = "2000";
                }

                // The emulator writes its logs at once; no need to wait Entra's minutes between polls.
                environment["Dispatch__LogPolling__PollInterval"] = "00:00:02";
                break;

            case "gateway":
                environment["ReverseProxy__Clusters__ingest__Destinations__primary__Address"] = $"http://127.0.0.1:{ports.Ingest}/";
                environment["ReverseProxy__Clusters__mapping__Destinations__primary__Address"] = $"http://127.0.0.1:{ports.Mapping}/";
                environment["ReverseProxy__Clusters__reconciliation__Destinations__primary__Address"] = $"http://127.0.0.1:{ports.Reconciliation}/";
                environment["Gateway__ApiKeys__local__Key"] = mesh.Secrets.OperatorApiKey;
                string[] roles = ["imports.write", "reconciliation.read", "reconciliation.replay", "rules.read"];
                for (var i = 0; i < roles.Length; i++) environment[$"Gateway__ApiKeys__local__Roles__{i}"] = roles[i];
                if (options.OperatorTokenAudience is { Length: > 0 } audience)
                {
                    // The gateway starts after the emulator, so the emulator's certificate exists by now.
                    using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(mesh.EmulatorCertificatePath));
                    environment["Gateway__Authentication__Authority"] = mesh.EmulatorOidcAuthority.ToString();
                    environment["Gateway__Authentication__Audience"] = audience;
                    environment["Gateway__Authentication__AuthorityCertificateThumbprint"] = certificate.Thumbprint;
                }

                break;
        }

        return environment;
    }
}
