namespace EntraMesh.Bench.Reporting;

/// <summary>One goal of the issue, checked against the medians: what it says and whether it was met.</summary>
public sealed record GoalCheck(string Text, bool Met);
