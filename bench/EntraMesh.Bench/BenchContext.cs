using System.Reflection;
using EntraMesh.Bench.Infrastructure;
using EntraMesh.Launcher.Mesh;

namespace EntraMesh.Bench;

/// <summary>What every scenario needs: the repository, the build whose services run, the servers, the options.</summary>
public sealed record BenchContext(string Root, string Configuration, InfrastructureSettings Infrastructure, BenchOptions Options)
{
    public static BenchContext Create(BenchOptions options) => new(
        MeshOptions.FindRoot(AppContext.BaseDirectory),
        typeof(BenchContext).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release",
        InfrastructureSettings.FromEnvironment(),
        options);

    public bool Quick => Options.Quick;

    /// <summary>A line of progress, indented under the run it belongs to.</summary>
    public static void Say(string line) => Console.WriteLine($"    {line}");
}
