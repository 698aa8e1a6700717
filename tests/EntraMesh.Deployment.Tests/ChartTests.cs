using System.Text.Json.Nodes;

namespace EntraMesh.Deployment.Tests;

/// <summary>The umbrella chart: lint, schema-valid output, and the properties a platform team relies on.</summary>
public sealed class ChartTests
{
    static readonly string ProductionValues = Repository.PathOf("k8s", "overlays", "prod", "values-prod.yaml");
    static readonly string[] Services = ["gateway", "ingest", "mapping", "dispatch", "reconciliation"];

    static readonly Lazy<Manifests> Default = new(() => Manifests.Parse(Repository.HelmTemplate()));
    static readonly Lazy<Manifests> Production = new(() => Manifests.Parse(Repository.HelmTemplate([ProductionValues])));
    static readonly Lazy<Manifests> Evaluation = new(() => Manifests.Parse(
        Repository.HelmTemplate(sets: ["devInfrastructure.enabled=true", "services.emulator.enabled=true"])));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Helm_lint_strict_passes_with_default_and_production_values(bool production)
    {
        var arguments = new List<string> { "lint", "--strict", Repository.Chart };
        if (production) arguments.AddRange(["-f", ProductionValues]);
        var (code, output) = Repository.RunWithExitCode(Repository.Helm, arguments, Repository.Root);
        Assert.True(code == 0, output);
        Assert.Contains("0 chart(s) failed", output);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    [InlineData("evaluation")]
    public void Rendered_objects_are_valid_against_the_Kubernetes_schemas(string values)
    {
        var yaml = values switch
        {
            "default" => Repository.HelmTemplate(),
            "production" => Repository.HelmTemplate([ProductionValues]),
            _ => Repository.HelmTemplate(sets: ["devInfrastructure.enabled=true", "services.emulator.enabled=true"]),
        };
        var (valid, output) = Repository.Validate(yaml);
        Assert.True(valid, output);
    }

    [Fact]
    public void The_schema_validator_rejects_an_invalid_object()
    {
        var (valid, output) = Repository.Validate("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two, selector: {}, template: {}}\n");
        Assert.False(valid);
        Assert.Contains("replicas", output);
    }

    [Fact]
    public void Values_that_break_the_schema_are_refused_before_anything_renders()
    {
        var (code, output) = Repository.RunWithExitCode(Repository.Helm, ["template", "x", Repository.Chart, "--set", "environment=Development"], Repository.Root);
        Assert.NotEqual(0, code);
        Assert.Contains("environment", output);
    }

    [Fact]
    public void Every_service_renders_from_one_template_with_its_deployment_and_service()
    {
        foreach (var service in Services)
        {
            Assert.Single(Default.Value.OfKind("Deployment"), d => Manifests.Component(d) == service);
            Assert.Single(Default.Value.OfKind("Service"), s => Manifests.Component(s) == service);
        }

        Assert.DoesNotContain(Default.Value.OfKind("Deployment"), d => Manifests.Component(d) == "emulator");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("evaluation")]
    public void Every_container_runs_non_root_read_only_without_privileges_and_with_probes(string values)
    {
        var manifests = values == "default" ? Default.Value : Evaluation.Value;
        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var pod = deployment["spec"]!["template"]!["spec"]!;
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, Manifests.Name(deployment));
            Assert.False((bool?)pod["automountServiceAccountToken"] ?? true, Manifests.Name(deployment));
            foreach (var container in Manifests.Containers(deployment).OfType<JsonObject>())
            {
                var name = $"{Manifests.Name(deployment)}/{container["name"]}";
                var security = container["securityContext"]!;
                Assert.True((bool?)security["runAsNonRoot"] == true, name);
                Assert.True((bool?)security["allowPrivilegeEscalation"] == false, name);
                Assert.Contains("ALL", security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
                Assert.NotNull(container["livenessProbe"]);
                Assert.NotNull(container["readinessProbe"]);
                if (Manifests.Component(deployment) is not ("rabbitmq"))
                {
                    Assert.True((bool?)security["readOnlyRootFilesystem"] == true, name);
                }
            }
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    [InlineData("evaluation")]
    public void Every_environment_variable_of_the_chart_names_a_setting_the_service_reads(string values)
    {
        var manifests = values switch { "default" => Default.Value, "production" => Production.Value, _ => Evaluation.Value };
        foreach (var deployment in manifests.OfKind("Deployment").Where(d => Manifests.Component(d) is not ("postgresql" or "rabbitmq")))
        {
            var component = Manifests.Component(deployment)!;
            var project = component == "emulator" ? "EntraMesh.EntraEmulator" : "EntraMesh." + char.ToUpperInvariant(component[0]) + component[1..];
            foreach (var variable in Manifests.Env(deployment).Select(e => (string)e["name"]!))
            {
                Assert.True(ConfigurationKeys.Exists(project, variable), $"{component} gets {variable}, which {project} does not read");
            }
        }
    }

    [Fact]
    public void In_evaluation_dispatch_gets_every_target_setting_and_trusts_the_emulator_without_its_private_key()
    {
        var dispatch = Evaluation.Value.Deployment("dispatch");
        var names = Manifests.Env(dispatch).Select(e => (string)e["name"]!).ToHashSet();
        foreach (var index in new[] { 0, 1 })
        {
            foreach (var setting in new[] { "Name", "TenantId", "ClientId", "ServicePrincipalId", "JobId", "ClientSecret", "EmulatorBaseUrl", "TrustedCertificatePath" })
            {
                Assert.Contains($"Dispatch__Targets__{index}__{setting}", names);
            }
        }

        var volumes = dispatch["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().OfType<JsonObject>().ToList();
        var emulatorSecret = Assert.Single(volumes, v => ((string?)v["secret"]?["secretName"])?.EndsWith("emulator-credentials", StringComparison.Ordinal) == true);
        Assert.Equal(["client-secret", "tls.crt"], emulatorSecret["secret"]!["items"]!.AsArray().Select(i => (string)i!["key"]!).Order().ToArray());
        Assert.DoesNotContain(volumes, v => (string?)v["secret"]?["secretName"] == "entramesh-entra");
        Assert.DoesNotContain(Evaluation.Value.OfKind("Deployment"), d => Manifests.Component(d) is not ("dispatch" or "emulator")
            && d.ToJsonString().Contains("emulator-credentials", StringComparison.Ordinal));
    }

    [Fact]
    public void The_emulator_ids_the_chart_compose_and_launcher_use_are_the_emulators_own_defaults()
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repository.PathOf("services", "EntraMesh.EntraEmulator", "appsettings.json")))!;
        var tenant = settings["Emulator"]!["Tenants"]![0]!;
        var ids = new[]
        {
            (string)tenant["Id"]!, (string)tenant["Applications"]![0]!["ClientId"]!,
            (string)tenant["ProvisioningApps"]![0]!["ServicePrincipalId"]!, (string)tenant["ProvisioningApps"]![0]!["JobId"]!,
            (string)tenant["ProvisioningApps"]![1]!["ServicePrincipalId"]!, (string)tenant["ProvisioningApps"]![1]!["JobId"]!,
        };
        var dispatch = Evaluation.Value.Deployment("dispatch").ToJsonString();
        var compose = File.ReadAllText(Repository.PathOf("docker-compose.yml"));
        var launcher = File.ReadAllText(Repository.PathOf("eng", "EntraMesh.Launcher", "Mesh", "EmulatorTenant.cs"));
        foreach (var id in ids)
        {
            Assert.Contains(id, dispatch);
            Assert.Contains(id, compose);
            Assert.Contains(id, launcher);
        }
    }

    [Fact]
    public void Service_probes_use_the_health_endpoints()
    {
        foreach (var service in Services)
        {
            var container = Manifests.Containers(Default.Value.Deployment(service))[0]!;
            Assert.Equal("/health/live", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/health/ready", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Null(container["readinessProbe"]!["initialDelaySeconds"]);
        }
    }

    [Fact]
    public void The_Entra_credential_is_mounted_into_dispatch_only()
    {
        foreach (var deployment in Production.Value.OfKind("Deployment"))
        {
            var volumes = deployment["spec"]!["template"]!["spec"]!["volumes"]?.AsArray().OfType<JsonObject>() ?? [];
            var usesEntraSecret = volumes.Any(v => (string?)v["secret"]?["secretName"] == "entramesh-entra")
                || Manifests.Env(deployment).Any(e => (string?)e["valueFrom"]?["secretKeyRef"]?["name"] == "entramesh-entra");
            Assert.Equal(Manifests.Component(deployment) == "dispatch", usesEntraSecret);
        }
    }

    [Fact]
    public void No_secret_value_appears_in_a_ConfigMap_or_in_plain_environment_values()
    {
        foreach (var manifests in new[] { Default.Value, Production.Value, Evaluation.Value })
        {
            foreach (var configMap in manifests.OfKind("ConfigMap"))
            {
                var text = configMap.ToJsonString();
                Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("ClientSecret", text, StringComparison.OrdinalIgnoreCase);
            }

            foreach (var deployment in manifests.OfKind("Deployment"))
            {
                foreach (var variable in Manifests.Env(deployment))
                {
                    var name = (string)variable["name"]!;
                    if (name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || name.Contains("Secret", StringComparison.Ordinal))
                    {
                        Assert.True(variable["valueFrom"] is not null, $"{Manifests.Name(deployment)}: {name} must come from a Secret");
                    }
                }
            }
        }
    }

    [Fact]
    public void Network_policies_deny_by_default_and_only_the_gateway_takes_outside_traffic()
    {
        var policies = Production.Value.OfKind("NetworkPolicy").ToList();
        var defaultDeny = Assert.Single(policies, p => Manifests.Name(p).EndsWith("default-deny", StringComparison.Ordinal));
        Assert.Null(defaultDeny["spec"]!["ingress"]);
        Assert.Null(defaultDeny["spec"]!["egress"]);

        foreach (var service in Services)
        {
            var policy = Assert.Single(policies, p => Manifests.Component(p) == service && !Manifests.Name(p).EndsWith("default-deny", StringComparison.Ordinal));
            var ingress = policy["spec"]!["ingress"]!.AsArray().OfType<JsonObject>().ToList();
            var fromGatewayOnly = ingress.All(rule => rule["from"] is JsonArray from && from.OfType<JsonObject>().All(peer =>
                (string?)peer["podSelector"]?["matchLabels"]?["app.kubernetes.io/component"] == "gateway" || peer["namespaceSelector"] is not null));
            if (service == "gateway") Assert.NotEmpty(ingress);
            else if (service == "dispatch") Assert.All(ingress, rule => Assert.NotNull(rule["from"]));   // metrics scraping only
            else Assert.True(fromGatewayOnly, $"{service} takes traffic from someone other than the gateway");
        }
    }

    [Fact]
    public void Only_dispatch_may_leave_the_cluster_besides_the_documented_authority_exception()
    {
        var egressOutside = EgressOutsideTheCluster(Production.Value);
        Assert.Contains("dispatch", egressOutside);
        Assert.Empty(egressOutside.Except(["dispatch", "gateway"]));

        var strict = Manifests.Parse(Repository.HelmTemplate([ProductionValues], ["networkPolicy.gatewayAuthorityEgress=false"]));
        Assert.Equal(["dispatch"], EgressOutsideTheCluster(strict));
    }

    [Fact]
    public void Ingest_mapping_and_reconciliation_scale_horizontally_and_every_service_has_a_disruption_budget()
    {
        var autoscaled = Default.Value.OfKind("HorizontalPodAutoscaler").Select(Manifests.Component).Order().ToArray();
        Assert.Equal(["ingest", "mapping", "reconciliation"], autoscaled);
        var budgets = Default.Value.OfKind("PodDisruptionBudget").Select(Manifests.Component).Order().ToArray();
        Assert.Equal(Services.Order().ToArray(), budgets);
    }

    [Fact]
    public void The_rule_set_is_a_ConfigMap_mounted_into_mapping()
    {
        var configMap = Assert.Single(Default.Value.OfKind("ConfigMap"), c => Manifests.Name(c).EndsWith("-rules", StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace((string?)configMap["data"]!["rules.yaml"]));
        var mapping = Default.Value.Deployment("mapping");
        Assert.Contains(mapping["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().OfType<JsonObject>(),
            v => (string?)v["configMap"]?["name"] == Manifests.Name(configMap));
    }

    [Fact]
    public void The_default_rule_set_is_the_sample_and_its_targets_are_the_dispatch_targets()
    {
        Assert.Equal(File.ReadAllText(Repository.PathOf("samples", "rules", "csv2scim.yaml")), File.ReadAllText(Repository.PathOf("charts", "entramesh", "files", "rules.yaml")));
        var dispatchTargets = Manifests.Env(Default.Value.Deployment("dispatch"))
            .Where(e => ((string)e["name"]!).EndsWith("__Name", StringComparison.Ordinal))
            .Select(e => (string?)e["value"])
            .Order()
            .ToArray();
        Assert.Equal(["woodgrove-ad", "woodgrove-cloud"], dispatchTargets);
    }

    [Fact]
    public void A_configuration_change_rolls_the_pods()
    {
        static string Checksum(Manifests m) => (string)m.Deployment("ingest")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/config"]!;
        var changed = Manifests.Parse(Repository.HelmTemplate(sets: ["services.ingest.env.Ingest__Example=1"]));
        Assert.NotEqual(Checksum(Default.Value), Checksum(changed));
    }

    [Fact]
    public void No_deployed_environment_is_Development_and_the_emulator_is_off_by_default()
    {
        foreach (var deployment in Production.Value.OfKind("Deployment").Concat(Default.Value.OfKind("Deployment")))
        {
            var environment = Manifests.Env(deployment).Single(e => (string?)e["name"] == "ASPNETCORE_ENVIRONMENT");
            Assert.Equal("Production", (string?)environment["value"]);
        }

        Assert.DoesNotContain(Production.Value.OfKind("Deployment"), d => Manifests.Component(d) == "emulator");
    }

    /// <summary>Components with an egress rule to an IP block or to anywhere (no `to`) on a port other than DNS, PostgreSQL or RabbitMQ.</summary>
    static string[] EgressOutsideTheCluster(Manifests manifests) =>
        manifests.OfKind("NetworkPolicy")
            .Where(p => p["spec"]!["egress"] is JsonArray)
            .Where(p => p["spec"]!["egress"]!.AsArray().OfType<JsonObject>().Any(rule =>
                (rule["to"] is null || rule["to"]!.AsArray().OfType<JsonObject>().Any(peer => peer["ipBlock"] is not null))
                && rule["ports"]!.AsArray().OfType<JsonObject>().Any(port => (long?)port["port"] is not (53 or 5432 or 5671 or 5672))))
            .Select(p => Manifests.Component(p)!)
            .Distinct()
            .Order()
            .ToArray();
}
