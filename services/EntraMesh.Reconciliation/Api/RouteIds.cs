namespace EntraMesh.Reconciliation.Api;

/// <summary>
/// Source and worker ids from the path. ASP.NET Core decodes every escape in a path segment except <c>%2F</c>, so an
/// id containing '/' (sent as <c>%2F</c>) is decoded here. (Kestrel itself refuses paths with a NUL character.)
/// </summary>
public static class RouteIds
{
    public static string Decode(string value) => value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
