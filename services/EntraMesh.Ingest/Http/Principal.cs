namespace EntraMesh.Ingest.Http;

/// <summary>Who asked, as the gateway forwards it (<c>X-EntraMesh-Principal</c>), for audits.</summary>
public static class Principal
{
    public const string Header = "X-EntraMesh-Principal";

    public static string? Of(HttpRequest request)
    {
        var value = request.Headers[Header].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Length > 200 ? value[..200] : value;
    }
}
