using System.Reflection;

namespace EntraMesh.Hosting.Data;

/// <summary>Assemblies whose embedded <c>*.sql</c> scripts make up the service's schema, applied in this order.</summary>
public sealed record MigrationAssemblies(IReadOnlyList<Assembly> Assemblies);
