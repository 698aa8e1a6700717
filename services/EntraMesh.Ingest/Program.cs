using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Ingest.Imports;
using EntraMesh.Ingest.Sources;
using EntraMesh.Ingest.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("ingest", typeof(Program).Assembly);
builder.AddMessaging();
builder.AddSources();
builder.AddWebhooks();
builder.AddImports();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWebhookApi();
app.MapImportApi();

app.Run();

public partial class Program;
