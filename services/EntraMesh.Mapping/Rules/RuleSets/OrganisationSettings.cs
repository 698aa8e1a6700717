namespace EntraMesh.Mapping.Rules.RuleSets;

/// <summary>The organisation's time zone (dates such as hire and termination dates are days there) and pre-hire window.</summary>
public sealed class OrganisationSettings(TimeZoneInfo timeZone, TimeSpan preHireWindow)
{
    public static OrganisationSettings Default { get; } = new(TimeZoneInfo.Utc, TimeSpan.Zero);

    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>How long before the hire date a joiner is provisioned (so the account exists on the first day).</summary>
    public TimeSpan PreHireWindow { get; } = preHireWindow;

    /// <summary>Midnight at the start of <paramref name="date"/> in the organisation's time zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a daylight-saving gap starts at the first valid instant.
        while (TimeZone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>
    /// When a joiner hired on <paramref name="hireDate"/> may be provisioned: the pre-hire window before the start of
    /// that day, whole days counted on the calendar (so a window of 14 days starts at midnight, across a clock change).
    /// </summary>
    public DateTimeOffset ProvisionFrom(DateOnly hireDate)
    {
        var days = (int)PreHireWindow.TotalDays;
        return StartOfDay(hireDate.AddDays(-days)) - (PreHireWindow - TimeSpan.FromDays(days));
    }
}
