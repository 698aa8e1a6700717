using EntraMesh.Gateway.Authentication;
using EntraMesh.Gateway.Proxy;
using EntraMesh.Gateway.RateLimiting;
using EntraMesh.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOperatorAuthentication();
builder.AddGatewayRateLimits();
builder.AddGatewayProxy();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapGatewayProxy();
app.MapServiceApiReference();

app.Run();

public partial class Program;
