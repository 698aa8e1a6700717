using System.Reflection;
using EntraMesh.Launcher.Mesh;
using EntraMesh.Testing.Chaos;
using EntraMesh.Testing.Chaos.Reporting;

namespace EntraMesh.Chaos.Tests;

/// <summary>
/// Runs the reduced chaos scenario once for <see cref="ChaosTests"/>; each test then asserts one thing the run must prove.
/// The run's progress and report go to <c>chaos.log</c> in its folder, which is kept; the servers' data and the services'
/// logs beside it are deleted when the run passed.
/// </summary>
public sealed class ChaosFixture : IAsyncLifetime
{
    ChaosReport? report;
    Exception? failure;

    public ChaosOptions Options { get; } = ChaosOptions.Reduced(
        MeshOptions.FindRoot(AppContext.BaseDirectory),
        typeof(ChaosFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug");

    string ProgressLog => Path.Combine(Options.RunDirectory, "chaos.log");

    /// <summary>The run's report; a run that could not even finish fails every test with its reason.</summary>
    public ChaosReport Report => report ?? throw new InvalidOperationException($"The chaos run did not finish (progress in {ProgressLog}).", failure);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Options.RunDirectory);
        await using var progress = new StreamWriter(ProgressLog) { AutoFlush = true };
        void Log(string line)
        {
            var stamped = $"{DateTime.UtcNow:HH:mm:ss.fff} {line}";
            lock (progress) progress.WriteLine(stamped);
            Console.WriteLine(stamped);
        }

        try
        {
            report = await new ChaosRun(Options, Log).RunAsync(TestContext.Current.CancellationToken);
            Log(ReportText.Describe(report));
        }
        catch (Exception error)
        {
            failure = error;
            Log($"the chaos run failed: {error}");
        }
    }

    /// <summary>Asserts that a check found nothing; the message carries its findings, the run's figures and the services' logs.</summary>
    public void AssertHeld(params string[] checks)
    {
        var findings = checks.SelectMany(check => (Report.Findings.GetValueOrDefault(check) ?? []).Select(finding => $"{check}: {finding}")).ToList();
        Assert.True(findings.Count == 0,
            $"{findings.Count} finding(s):\n{string.Join("\n", findings.Take(40))}\n\n{ReportText.Figures(Report)}\nrun folder: {Options.RunDirectory}\n{Report.ServiceLogs}");
    }

    public ValueTask DisposeAsync()
    {
        if (report?.Passed != true || !Directory.Exists(Options.RunDirectory)) return ValueTask.CompletedTask;
        foreach (var folder in Directory.EnumerateDirectories(Options.RunDirectory))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a log still being closed; the folder is under the temporary folder
            }
        }

        return ValueTask.CompletedTask;
    }
}
