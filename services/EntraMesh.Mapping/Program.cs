using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Mapping.Holding;
using EntraMesh.Mapping.Planning;
using EntraMesh.Mapping.PopulationPreview;
using EntraMesh.Mapping.Reload;
using EntraMesh.Mapping.Replay;
using EntraMesh.Mapping.Rules.Cli;
using EntraMesh.Mapping.Rules.Hosting;
using EntraMesh.Mapping.Rules.Preview;

// `rules test FILE` validates a rule set for CI without starting the service (no PostgreSQL, no RabbitMQ).
if (RulesCommand.IsCommandLine(args)) return await RulesCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRules();
builder.AddServiceDatabase("mapping", typeof(Program).Assembly);
builder.AddMessaging(bus => bus.AddPlanningConsumer().AddReplayConsumer());
builder.AddPlanning();
builder.AddHolding();
builder.AddRuleSetReload();
builder.AddPopulationPreview();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRulesApi();
app.MapCurrentRuleSetApi();
app.MapPopulationPreviewApi();

await app.RunAsync();
return 0;

public partial class Program;
