using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EntraMesh.Deployment.Tests;

/// <summary>docker-compose.yml cannot run here (no Docker engine); these checks keep it correct by construction.</summary>
public sealed partial class ComposeTests
{
    static readonly Lazy<JsonObject> Compose = new(() => Manifests.Parse(File.ReadAllText(Repository.PathOf("docker-compose.yml"))).Objects.Single());
    static JsonObject Services => (JsonObject)Compose.Value["services"]!;

    static IEnumerable<(string Name, JsonObject Service, string Project)> Built() =>
        Services.Where(s => s.Value!["build"] is not null)
            .Select(s => (s.Key, (JsonObject)s.Value!, (string)s.Value!["build"]!["args"]!["PROJECT"]!));

    [Fact]
    public void Every_EntraMesh_service_is_built_from_a_project_of_the_repository()
    {
        var projects = Built().Select(b => b.Project).Order().ToArray();
        Assert.Equal(["EntraMesh.Dispatch", "EntraMesh.EntraEmulator", "EntraMesh.Gateway", "EntraMesh.Ingest", "EntraMesh.Mapping", "EntraMesh.Reconciliation"], projects);
        foreach (var (name, service, project) in Built())
        {
            Assert.True(File.Exists(Repository.PathOf("services", project, project + ".csproj")), $"{name}: no project {project}");
            Assert.Equal("eng/docker/Dockerfile", (string?)service["build"]!["dockerfile"]);
        }

        Assert.True(File.Exists(Repository.PathOf("eng", "docker", "Dockerfile")));
    }

    [Fact]
    public void Every_environment_variable_names_a_setting_the_service_reads()
    {
        foreach (var (name, service, project) in Built())
        {
            foreach (var (variable, _) in (JsonObject)service["environment"]!)
            {
                Assert.True(ConfigurationKeys.Exists(project, variable), $"{name} sets {variable}, which {project} does not read");
            }
        }
    }

    [Fact]
    public void Every_generated_secret_file_names_a_setting_of_the_service_that_mounts_it()
    {
        var script = string.Join('\n', Services["dev-secrets"]!["command"]!.AsArray().Select(part => (string?)part));
        var files = SecretFile().Matches(script).Select(match => (Volume: match.Groups[1].Value, Key: match.Groups[2].Value)).Distinct().ToList();
        Assert.NotEmpty(files);
        foreach (var (volume, key) in files)
        {
            var mounting = Built().Where(b => Volumes(b.Service).Any(v => v.StartsWith($"secrets-{volume}:", StringComparison.Ordinal))).ToList();
            var (name, _, project) = Assert.Single(mounting);
            Assert.True(ConfigurationKeys.Exists(project, key), $"secret file {key} for {name} names no setting of {project}");
        }
    }

    [Fact]
    public void The_Entra_credential_reaches_dispatch_and_the_emulator_only()
    {
        foreach (var (name, service, _) in Built())
        {
            var mountsEntraSecret = Volumes(service).Any(v => v.StartsWith("secrets-dispatch:", StringComparison.Ordinal) || v.StartsWith("secrets-emulator:", StringComparison.Ordinal));
            Assert.Equal(name is "dispatch" or "entra-emulator", mountsEntraSecret);
        }
    }

    [Fact]
    public void Ports_match_what_the_services_listen_on_and_only_the_gateway_and_the_emulator_are_published()
    {
        var published = Built().Where(b => b.Service["ports"] is not null).Select(b => b.Name).Order().ToArray();
        Assert.Equal(["entra-emulator", "gateway"], published);
        Assert.Contains("8080:8080", (string?)Services["gateway"]!["ports"]![0]);
        Assert.EndsWith(":8443", (string?)Services["entra-emulator"]!["environment"]!["Emulator__Urls"]);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", File.ReadAllText(Repository.PathOf("eng", "docker", "Dockerfile")));

        var gateway = (JsonObject)Services["gateway"]!["environment"]!;
        foreach (var (variable, value) in gateway.Where(e => e.Key.StartsWith("ReverseProxy__", StringComparison.Ordinal)))
        {
            var address = new Uri((string)value!);
            Assert.True(Services.ContainsKey(address.Host), $"{variable} points at {address.Host}, which is no service");
            Assert.Equal(8080, address.Port);
        }
    }

    [Fact]
    public void Dependencies_and_volumes_name_things_that_exist()
    {
        var volumes = ((JsonObject)Compose.Value["volumes"]!).Select(v => v.Key).ToHashSet();
        foreach (var (name, service) in Services)
        {
            if (service!["depends_on"] is JsonObject dependencies)
            {
                foreach (var (dependency, _) in dependencies) Assert.True(Services.ContainsKey(dependency), $"{name} depends on unknown {dependency}");
            }

            foreach (var volume in Volumes((JsonObject)service))
            {
                Assert.Contains(volume.Split(':')[0], volumes);
            }
        }
    }

    static IEnumerable<string> Volumes(JsonObject service) =>
        service["volumes"]?.AsArray().Select(v => (string)v!) ?? [];

    [GeneratedRegex(@"/secrets/(\w+)/([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SecretFile();
}
