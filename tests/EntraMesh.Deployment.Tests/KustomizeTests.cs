namespace EntraMesh.Deployment.Tests;

public sealed class KustomizeTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Overlay_renders_valid_Kubernetes_objects(string overlay)
    {
        var yaml = Repository.Kustomize(overlay);
        var (valid, output) = Repository.Validate(yaml);
        Assert.True(valid, output);
        var manifests = Manifests.Parse(yaml);
        Assert.Single(manifests.OfKind("Namespace"));
        Assert.All(manifests.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("entramesh", (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public void Dev_overlay_runs_RabbitMQ_PostgreSQL_and_the_emulator_inside_the_cluster()
    {
        var manifests = Manifests.Parse(Repository.Kustomize("dev"));
        var components = manifests.OfKind("Deployment").Select(Manifests.Component).ToHashSet();
        Assert.Contains("postgresql", components);
        Assert.Contains("rabbitmq", components);
        Assert.Contains("emulator", components);
    }

    [Fact]
    public void Prod_overlay_points_at_external_servers_and_spreads_replicas()
    {
        var manifests = Manifests.Parse(Repository.Kustomize("prod"));
        var components = manifests.OfKind("Deployment").Select(Manifests.Component).ToHashSet();
        Assert.DoesNotContain("postgresql", components);
        Assert.DoesNotContain("emulator", components);
        Assert.All(manifests.OfKind("Deployment"), d => Assert.NotNull(d["spec"]!["template"]!["spec"]!["topologySpreadConstraints"]));
        Assert.Single(manifests.OfKind("Ingress"));
    }
}
