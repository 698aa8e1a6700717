using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Mapping.Rules.Cli;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.Preview;

// `rules test FILE` validates a rule set for CI without starting the service (no PostgreSQL, no RabbitMQ).
if (RulesCommand.IsCommandLine(args)) return await RulesCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRules();
builder.AddServiceDatabase("mapping", typeof(Program).Assembly);
builder.AddMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRulesApi();

await app.RunAsync();
return 0;

public partial class Program;
