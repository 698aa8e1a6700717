namespace EntraMesh.Testing;

/// <summary>
/// What a service threw when it refused to start (a wrong setting, a broken rule set), for tests that assert the answer
/// names the cause.
/// </summary>
/// <remarks>
/// WebApplicationFactory has a known race (dotnet/aspnetcore#33494): when the application's start fails quickly, its host
/// can be disposed before the factory reads the host's services, and the factory then throws
/// <see cref="ObjectDisposedException"/> for <c>IServiceProvider</c> instead of the application's own exception (seen once
/// in CI on a loaded machine). That answer says nothing about the service, so the start is tried again, a few times, each
/// time with a new factory (<paramref name="start"/> creates and disposes its own).
/// </remarks>
public static class StartupFailure
{
    const int Attempts = 5;

    public static Exception Of(Action start) =>
        OfAsync(() =>
        {
            start();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    public static async Task<Exception> OfAsync(Func<Task> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await start();
            }
            catch (ObjectDisposedException error) when (attempt < Attempts && IsFactoryRace(error))
            {
                continue;
            }
            catch (Exception error)
            {
                return error;
            }

            throw new InvalidOperationException("The service started; it was expected to refuse to.");
        }
    }

    static bool IsFactoryRace(ObjectDisposedException error) => error.ObjectName == nameof(IServiceProvider);
}
