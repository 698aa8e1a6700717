using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using EntraMesh.Reconciliation;
using EntraMesh.Reconciliation.Api;
using EntraMesh.Reconciliation.Projection;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("reconciliation", typeof(Program).Assembly);
builder.AddMessaging(bus => bus.AddReconciliationProjection());
builder.AddReconciliation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReconciliationApi();

app.Run();

public partial class Program;
