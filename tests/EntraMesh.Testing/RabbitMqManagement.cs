using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace EntraMesh.Testing;

/// <summary>The RabbitMQ management HTTP API: virtual hosts for isolation, queue depths for assertions.</summary>
public sealed class RabbitMqManagement
{
    readonly HttpClient http;

    public RabbitMqManagement(Uri uriWithCredentials)
    {
        var userInfo = Uri.UnescapeDataString(uriWithCredentials.UserInfo);
        http = new HttpClient { BaseAddress = new Uri(uriWithCredentials.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        User = userInfo.Split(':')[0];
    }

    public string User { get; }

    public async Task CreateVirtualHostAsync(string name)
    {
        (await http.PutAsync($"vhosts/{Uri.EscapeDataString(name)}", null)).EnsureSuccessStatusCode();
        var permissions = JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" });
        (await http.PutAsync($"permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(User)}", permissions)).EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string name)
    {
        using var response = await http.DeleteAsync($"vhosts/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Queues of a virtual host with their message counts (ready + unacknowledged).</summary>
    public async Task<IReadOnlyList<QueueInfo>> GetQueuesAsync(string virtualHost) =>
        await http.GetFromJsonAsync<List<QueueInfo>>($"queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages,messages_ready,messages_unacknowledged,type") ?? [];

    /// <summary>Message count of one queue, or null when it does not exist.</summary>
    public async Task<int?> GetQueueDepthAsync(string virtualHost, string queue)
    {
        using var response = await http.GetAsync($"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var info = await response.Content.ReadFromJsonAsync<QueueInfo>();
        return info?.Messages ?? 0;
    }

    /// <summary>Whether exchange <paramref name="source"/> is bound to <paramref name="destination"/> (an exchange or a queue).</summary>
    public async Task<bool> HasBindingAsync(string virtualHost, string source, string destination)
    {
        var bindings = await http.GetFromJsonAsync<List<BindingInfo>>($"bindings/{Uri.EscapeDataString(virtualHost)}") ?? [];
        return bindings.Any(binding => binding.Source == source && binding.Destination == destination);
    }

    public sealed record BindingInfo(
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("destination")] string Destination);

    public sealed record QueueInfo(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] int? Messages,
        [property: JsonPropertyName("type")] string? Type);
}
