namespace EntraMesh.Testing;

/// <summary>Polls an asynchronous condition until it holds or a deadline passes (for outcomes of asynchronous pipelines).</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var value = await probe();
        while (!until(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0.#} s{(because is null ? "" : ": " + because)}. Last value: {value}");
            }

            await Task.Delay(50);
            value = await probe();
        }

        return value;
    }
}
