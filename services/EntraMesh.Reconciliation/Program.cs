using EntraMesh.Hosting;
using EntraMesh.Reconciliation;
using EntraMesh.Reconciliation.Api;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddReconciliation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReconciliationApi();

app.Run();

public partial class Program;
