using EntraMesh.EntraEmulator.Inspection;
using EntraMesh.Testing;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>
/// The Entra emulator over HTTPS (its own test fixture), its certificate written to a PEM file for dispatch to pin,
/// and the dispatch settings that point a target at it.
/// </summary>
internal sealed class EmulatedEntra : IAsyncDisposable
{
    readonly string folder;

    EmulatedEntra(EntraEmulatorServer server, string folder)
    {
        Server = server;
        this.folder = folder;
        CertificatePath = Path.Combine(folder, "emulator.pem");
        File.WriteAllText(CertificatePath, server.CertificatePem);
    }

    public EntraEmulatorServer Server { get; }

    public string CertificatePath { get; }

    public EmulatorInspectionClient Inspection => Server.Inspection;

    /// <summary>Starts an emulator; <paramref name="settings"/> are emulator settings (e.g. <c>Emulator:Limits:Enabled</c>).</summary>
    public static async Task<EmulatedEntra> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await EntraEmulatorServer.StartAsync(settings);
        return new EmulatedEntra(server, Directory.CreateTempSubdirectory("entramesh-dispatch-entra-").FullName);
    }

    /// <summary>Points dispatch's target <paramref name="index"/> at the emulator's cloud (or on-premises) job and turns sending on.</summary>
    public void Configure(Dictionary<string, string?> settings, int index = 0, string name = "cloud", bool onPremises = false)
    {
        var prefix = $"Dispatch:Targets:{index}";
        settings["Dispatch:SendingEnabled"] = "true";
        settings[$"{prefix}:Name"] = name;
        settings[$"{prefix}:TenantId"] = Server.TenantId;
        settings[$"{prefix}:Authority"] = Server.BaseUrl.ToString().TrimEnd('/');
        settings[$"{prefix}:GraphBaseUrl"] = Server.GraphBaseUrl;
        settings[$"{prefix}:ClientId"] = Server.ClientId;
        settings[$"{prefix}:ClientSecret"] = Server.ClientSecret;
        settings[$"{prefix}:ServicePrincipalId"] = onPremises ? Server.OnPremisesServicePrincipalId : Server.CloudServicePrincipalId;
        settings[$"{prefix}:JobId"] = onPremises ? Server.OnPremisesJobId : Server.CloudJobId;
        settings[$"{prefix}:TrustedCertificatePath"] = CertificatePath;
        settings[$"{prefix}:DailyBudget"] = Server.Options.Limits.DailyCalls.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>bulkUpload calls the emulator received (oldest first).</summary>
    public async Task<List<EntraMesh.EntraEmulator.Diagnostics.CallRecord>> BulkUploadCallsAsync() =>
        await Inspection.GetCallsAsync(endpoint: EntraMesh.EntraEmulator.Faults.EmulatorEndpoint.BulkUpload);

    /// <summary>The cloud directory's users by employeeId.</summary>
    public async Task<Dictionary<string, UserSnapshot>> UsersAsync() =>
        (await Inspection.GetUsersAsync()).Where(u => u.OnPremisesDomain is null && u.EmployeeId is not null)
            .ToDictionary(u => u.EmployeeId!, StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }
}
