using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("reconciliation", typeof(Program).Assembly);
builder.AddMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

public partial class Program;
