using System.Reflection;
using EntraMesh.Launcher;
using EntraMesh.Launcher.Mesh;

// eng/run.sh [start [--no-sample]] | stop | status
var command = args.FirstOrDefault() ?? "start";
var root = MeshOptions.FindRoot(AppContext.BaseDirectory);
var runDirectory = Environment.GetEnvironmentVariable("ENTRAMESH_RUN_DIR") is { Length: > 0 } custom ? custom : Path.Combine(root, ".run");

return command switch
{
    "start" => await RunCommand.StartAsync(root, runDirectory, Configuration(), sample: !args.Contains("--no-sample")),
    "stop" => RunCommand.Stop(runDirectory),
    "status" => await RunCommand.StatusAsync(runDirectory),
    _ => RunCommand.Usage(),
};

static string Configuration() =>
    typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
