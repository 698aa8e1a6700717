using System.Reflection;
using EntraMesh.Hosting.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EntraMesh.Hosting.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL schema: an <see cref="NpgsqlDataSource"/> whose search path is that schema,
    /// migrations from the SQL scripts embedded in <paramref name="migrationsAssembly"/> (after the outbox and inbox
    /// tables), a readiness check, and the transactional <see cref="Outbox.Outbox"/> with its relay.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(
        this IHostApplicationBuilder builder, string defaultSchema, Assembly migrationsAssembly)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                if (string.IsNullOrEmpty(options.Schema)) options.Schema = defaultSchema;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString);
            dataSource.ConnectionStringBuilder.SearchPath = options.Schema;
            if (!string.IsNullOrEmpty(options.Username)) dataSource.ConnectionStringBuilder.Username = options.Username;
            if (!string.IsNullOrEmpty(options.Password)) dataSource.ConnectionStringBuilder.Password = options.Password;
            dataSource.Name = options.Schema;
            return dataSource.Build();
        });

        builder.Services.AddSingleton(new MigrationAssemblies([typeof(DatabaseExtensions).Assembly, migrationsAssembly]));
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<MigrationHostedService>();

        var healthTimeout = builder.Configuration.GetValue<TimeSpan?>($"{DatabaseOptions.Section}:HealthCheckTimeout") ?? TimeSpan.FromSeconds(3);
        builder.Services.AddHealthChecks().AddNpgSql(
            provider => provider.GetRequiredService<NpgsqlDataSource>(),
            name: "postgres",
            tags: [ServiceDefaultsExtensions.ReadyTag],
            timeout: healthTimeout);

        builder.AddOutbox();
        return builder;
    }
}
