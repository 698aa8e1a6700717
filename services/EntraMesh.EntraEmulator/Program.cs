using EntraMesh.EntraEmulator.Hosting;
using EntraMesh.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Configuration.AddEmulatorDefaults();
builder.AddServiceDefaults();
builder.AddEntraEmulator();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapEntraEmulator();

app.Run();
