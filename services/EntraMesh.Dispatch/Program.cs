using EntraMesh.Dispatch;
using EntraMesh.Dispatch.Pending;
using EntraMesh.Hosting;
using EntraMesh.Hosting.Data;
using EntraMesh.Hosting.Messaging;
using MassTransit;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("dispatch", typeof(Program).Assembly);
builder.AddMessaging(bus => bus.AddConsumer<PlannedChangeConsumer, PlannedChangeConsumerDefinition>());
builder.AddDispatch();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

public partial class Program;
