using System.Globalization;
using System.Text;
using EntraMesh.EntraEmulator.Filtering;
using EntraMesh.EntraEmulator.Hosting;

namespace EntraMesh.EntraEmulator.Graph;

/// <summary>The OData query options of a Graph list request ($filter, $top, $orderby, $skiptoken, $select) and the nextLink they lead to.</summary>
public sealed class ODataQuery
{
    ODataQuery(HttpRequest request) => Request = request;

    public HttpRequest Request { get; }

    public FilterExpression? Filter { get; private init; }

    public int Top { get; private init; }

    public string? OrderBy { get; private init; }

    public string? SkipToken { get; private init; }

    public IReadOnlyList<string>? Select { get; private init; }

    /// <summary>Reads the options; throws <see cref="FilterException"/> (answered 400) for what Graph would refuse.</summary>
    public static ODataQuery Parse(HttpRequest request, int defaultTop, int maxTop)
    {
        var query = request.Query;
        if (query.ContainsKey("$skip")) throw new FilterException("Query option 'Skip' is not allowed. Page with @odata.nextLink ($skiptoken).");
        if (query.ContainsKey("$search")) throw new FilterException("Query option 'Search' is not allowed.");
        if (query.ContainsKey("$expand")) throw new FilterException("Query option 'Expand' is not allowed; read /users/{id}/manager.");

        var top = defaultTop;
        if (query.TryGetValue("$top", out var topText) && topText.Count > 0)
        {
            if (!int.TryParse(topText[0], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > maxTop)
            {
                throw new FilterException($"Invalid value '{topText[0]}' for $top: it must be a whole number from 1 to {maxTop}.");
            }
        }

        var filter = query.TryGetValue("$filter", out var filterText) && !string.IsNullOrWhiteSpace(filterText.ToString())
            ? FilterParser.Parse(filterText.ToString())
            : null;
        var select = query.TryGetValue("$select", out var selectText) && !string.IsNullOrWhiteSpace(selectText.ToString())
            ? selectText.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        return new ODataQuery(request)
        {
            Filter = filter,
            Top = top,
            OrderBy = query.TryGetValue("$orderby", out var orderBy) ? orderBy.ToString() : null,
            SkipToken = query.TryGetValue("$skiptoken", out var token) ? token.ToString() : null,
            Select = select,
        };
    }

    /// <summary>This request's URL with <c>$skiptoken</c> set to <paramref name="token"/> (the other options kept).</summary>
    public string NextLink(string token)
    {
        var builder = new StringBuilder(RequestUrls.BaseOf(Request)).Append(Request.Path.Value).Append('?');
        foreach (var (key, values) in Request.Query)
        {
            if (key == "$skiptoken") continue;
            foreach (var value in values) builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
        }

        return builder.Append("$skiptoken=").Append(Uri.EscapeDataString(token)).ToString();
    }

    /// <summary>$metadata context URL for an entity set.</summary>
    public string Context(string version, string entitySet) => $"{RequestUrls.BaseOf(Request)}/{version}/$metadata#{entitySet}";
}
