namespace EntraMesh.Testing.Chaos.Workforce;

/// <summary>What the simulated HR system meant by a record (the mesh decides the change kind itself).</summary>
public enum RecordIntent
{
    /// <summary>The worker's first record (the initial import).</summary>
    Hire,

    /// <summary>A non-structural attribute changed (phone, address).</summary>
    Update,

    /// <summary>Title, department, location (OU) or manager changed.</summary>
    Move,

    /// <summary>WorkerStatus became Inactive.</summary>
    Leave,

    /// <summary>The source marked the worker deleted (<c>deleted: true</c>).</summary>
    Terminate,

    /// <summary>An inactive or deleted worker is active again.</summary>
    Rehire,

    /// <summary>The same row delivered again, unchanged (a daily file).</summary>
    Redelivery,
}
