using System.Runtime.InteropServices;

namespace EntraMesh.Mapping.Tests.Support;

/// <summary>
/// A folder laid out as Kubernetes mounts a ConfigMap: <c>rules.yaml -> ..data/rules.yaml</c>, <c>..data -> ..&lt;version&gt;</c>.
/// An update writes a new version folder and swaps the <c>..data</c> link atomically (rename), as the kubelet does.
/// </summary>
public sealed class ConfigMapDirectory : IDisposable
{
    public const string FileName = "rules.yaml";

    int versions;

    public ConfigMapDirectory(string text)
    {
        Directory.CreateDirectory(Root);
        Publish(text);
        File.CreateSymbolicLink(FilePath, Path.Combine("..data", FileName));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"configmap-{Guid.NewGuid():N}");

    /// <summary>The path the service is configured with.</summary>
    public string FilePath => Path.Combine(Root, FileName);

    public void Publish(string text)
    {
        var version = $"..{DateTime.UtcNow:yyyy_MM_dd_HH_mm_ss}.{++versions}";
        Directory.CreateDirectory(Path.Combine(Root, version));
        File.WriteAllText(Path.Combine(Root, version, FileName), text);
        var link = Path.Combine(Root, "..data_tmp");
        File.CreateSymbolicLink(link, version);
        // rename(2) replaces the old link in one step; File.Move refuses a link that points to a folder.
        if (Rename(link, Path.Combine(Root, "..data")) != 0) throw new IOException($"rename failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
