namespace EntraMesh.EntraEmulator.Hosting;

/// <summary>URLs the emulator hands out (issuer, token endpoint, Location, nextLink) are built from the address the client used.</summary>
public static class RequestUrls
{
    public static string BaseOf(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
}
