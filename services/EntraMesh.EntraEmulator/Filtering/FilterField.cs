namespace EntraMesh.EntraEmulator.Filtering;

/// <summary>A filterable property of <typeparamref name="T"/>: a string (case-sensitive unless <see cref="IgnoreCase"/>), a date-time or a boolean.</summary>
public sealed class FilterField<T>
{
    public Func<T, string?>? Text { get; init; }

    public Func<T, DateTimeOffset?>? Time { get; init; }

    public Func<T, bool>? Flag { get; init; }

    public bool IgnoreCase { get; init; }

    public static FilterField<T> ForText(Func<T, string?> text, bool ignoreCase = false) => new() { Text = text, IgnoreCase = ignoreCase };

    public static FilterField<T> ForTime(Func<T, DateTimeOffset?> time) => new() { Time = time };

    public static FilterField<T> ForFlag(Func<T, bool> flag) => new() { Flag = flag };
}
