using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EntraMesh.Gateway.Tests;

/// <summary>
/// The gateway with its shipped route table, its clusters pointed at echo backends, two API keys, and JWT validation
/// against the test signing key (in production the keys come from the authority's OpenID Connect metadata).
/// </summary>
public sealed class GatewayFactory(EchoBackend ingest, EchoBackend mapping, EchoBackend reconciliation, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string OpsKey = "ops-key-for-tests";
    public const string ReaderKey = "reader-key-for-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var configuration = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:ingest:Destinations:primary:Address"] = ingest.Address.ToString(),
            ["ReverseProxy:Clusters:mapping:Destinations:primary:Address"] = mapping.Address.ToString(),
            ["ReverseProxy:Clusters:reconciliation:Destinations:primary:Address"] = reconciliation.Address.ToString(),
            ["Gateway:ApiKeys:ops:Key"] = OpsKey,
            ["Gateway:ApiKeys:ops:Roles:0"] = "imports.write",
            ["Gateway:ApiKeys:ops:Roles:1"] = "reconciliation.read",
            ["Gateway:ApiKeys:ops:Roles:2"] = "reconciliation.replay",
            ["Gateway:ApiKeys:ops:Roles:3"] = "rules.read",
            ["Gateway:ApiKeys:reader:Key"] = ReaderKey,
            ["Gateway:ApiKeys:reader:Roles:0"] = "reconciliation.read",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        foreach (var (key, value) in configuration) builder.UseSetting(key, value);

        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.TokenValidationParameters.IssuerSigningKey = TestTokens.Key;
            jwt.TokenValidationParameters.ValidIssuer = TestTokens.Issuer;
            jwt.TokenValidationParameters.ValidAudience = TestTokens.Audience;
        }));
    }
}
