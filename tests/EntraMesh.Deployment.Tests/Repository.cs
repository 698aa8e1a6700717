using System.Diagnostics;

namespace EntraMesh.Deployment.Tests;

/// <summary>The repository's root and the command-line tools the deployment tests drive.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    static readonly Lazy<string> ToolsDirectory = new(() => Run("bash", [Path.Combine(Root, "eng", "tools.sh")], Root).Trim().Split('\n')[^1]);

    static readonly Lazy<string> Validator = new(() =>
    {
        var folder = Path.Combine(Root, "eng", "k8s-validate");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "kubernetes-models")))
        {
            Run("npm", ["ci", "--silent", "--no-audit", "--no-fund"], folder);
        }

        return Path.Combine(folder, "validate.mjs");
    });

    public static string Helm => Path.Combine(ToolsDirectory.Value, "helm");

    public static string Chart => Path.Combine(Root, "charts", "entramesh");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Renders the chart with the given values files and --set pairs.</summary>
    public static string HelmTemplate(IEnumerable<string>? valuesFiles = null, IEnumerable<string>? sets = null)
    {
        var arguments = new List<string> { "template", "entramesh", Chart, "--namespace", "entramesh" };
        foreach (var file in valuesFiles ?? []) arguments.AddRange(["-f", file]);
        foreach (var set in sets ?? []) arguments.AddRange(["--set", set]);
        return Run(Helm, arguments, Root);
    }

    public static string Kustomize(string overlay) =>
        Run("kubectl", ["kustomize", "--enable-helm", "--helm-command", Helm, "--load-restrictor", "LoadRestrictionsNone", Path.Combine(Root, "k8s", "overlays", overlay)], Root);

    /// <summary>Validates rendered objects against the Kubernetes schemas; returns the validator's output.</summary>
    public static (bool Valid, string Output) Validate(string manifests)
    {
        var (code, output) = RunWithExitCode("node", [Validator.Value], Root, manifests);
        return (code == 0, output);
    }

    public static string Run(string file, IEnumerable<string> arguments, string workingDirectory, string? input = null)
    {
        var (code, output) = RunWithExitCode(file, arguments, workingDirectory, input);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {code}:\n{output}");
    }

    public static (int ExitCode, string Output) RunWithExitCode(string file, IEnumerable<string> arguments, string workingDirectory, string? input = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + (process.ExitCode == 0 ? "" : stderr.Result));
    }

    static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EntraMesh.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("EntraMesh.sln not found above " + AppContext.BaseDirectory);
    }
}
