namespace EntraMesh.Reconciliation.Api;

/// <summary>The operator the gateway authenticated, from the header it sets (and strips from incoming requests).</summary>
public static class Principal
{
    public const string Header = "X-EntraMesh-Principal";
    public const int MaxLength = 256;

    public static string? From(HttpRequest request, out string? problem)
    {
        var value = request.Headers[Header].ToString().Trim();
        problem = value.Length switch
        {
            0 => "Required: the operator's identity, set by the gateway. Call the API through the gateway.",
            > MaxLength => $"Longer than {MaxLength} characters.",
            _ => value.Any(char.IsControl) ? "Contains control characters." : null,
        };
        return problem is null ? value : null;
    }
}
