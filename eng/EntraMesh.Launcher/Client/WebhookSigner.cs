using System.Security.Cryptography;
using System.Text;

namespace EntraMesh.Launcher.Client;

/// <summary>EntraMesh's webhook signature: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t." + body&gt;</c>.</summary>
public static class WebhookSigner
{
    public const string Header = "X-EntraMesh-Signature";

    public static string Sign(string secret, byte[] body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexString(mac).ToLowerInvariant()}";
    }
}
