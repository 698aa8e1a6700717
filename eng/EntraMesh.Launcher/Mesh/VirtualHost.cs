using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace EntraMesh.Launcher.Mesh;

/// <summary>RabbitMQ virtual hosts through the management API.</summary>
internal static class VirtualHost
{
    /// <summary>Deletes the virtual host of <paramref name="broker"/> (with every queue in it) and creates it empty.</summary>
    public static async Task RecreateAsync(Uri management, Uri broker, CancellationToken cancellationToken)
    {
        var name = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        if (name.Length == 0) throw new InvalidOperationException($"{broker} names no virtual host of its own; the default one is never deleted.");
        var user = Uri.UnescapeDataString(management.UserInfo);
        using var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        var escaped = Uri.EscapeDataString(name);
        using (await http.DeleteAsync($"vhosts/{escaped}", cancellationToken))
        {
        }

        (await http.PutAsync($"vhosts/{escaped}", null, cancellationToken)).EnsureSuccessStatusCode();
        var permissions = JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" });
        (await http.PutAsync($"permissions/{escaped}/{Uri.EscapeDataString(user.Split(':')[0])}", permissions, cancellationToken)).EnsureSuccessStatusCode();
    }
}
