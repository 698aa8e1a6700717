using EntraMesh.Mapping.Holding;
using MassTransit;

namespace EntraMesh.Mapping.Planning;

public static class PlanningExtensions
{
    /// <summary>The planner (<see cref="PlanningOptions"/> validated at start) and mapping's metrics.</summary>
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlanningOptions>()
            .BindConfiguration(PlanningOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<MappingMetrics>();
        builder.Services.AddSingleton<HoldSignal>();
        builder.Services.AddSingleton<WorkerPlanner>();
        return builder;
    }

    /// <summary>The consumer of <c>WorkerRecordAccepted</c> (call inside <c>AddMessaging</c>).</summary>
    public static IBusRegistrationConfigurator AddPlanningConsumer(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<WorkerRecordConsumer, WorkerRecordConsumerDefinition>();
        return bus;
    }
}
