namespace EntraMesh.EntraEmulator.Identity;

/// <summary>Microsoft Graph as a resource: the identifiers a client may name in <c>scope</c> and that tokens carry in <c>aud</c>.</summary>
public static class GraphAudience
{
    public const string Uri = "https://graph.microsoft.com";
    public const string AppId = "00000003-0000-0000-c000-000000000000";

    public static readonly string[] Accepted = [Uri, Uri + "/", AppId];

    public static bool IsGraph(string resource) => Accepted.Contains(resource, StringComparer.OrdinalIgnoreCase);
}
