using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The <c>PopulationPreview</c> section.</summary>
public sealed class PopulationPreviewOptions
{
    public const string Section = "PopulationPreview";

    /// <summary>Threads evaluating workers during one preview (one preview runs at a time per replica).</summary>
    [Range(1, 64, ErrorMessage = "PopulationPreview:Parallelism must be between 1 and 64.")]
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Workers whose evaluation may take a second or more (the regular-expression time limit) before the preview stops
    /// with 422: a candidate whose patterns backtrack catastrophically would otherwise cost a second per worker.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "PopulationPreview:MaxSlowWorkers must be between 1 and 1000000.")]
    public int MaxSlowWorkers { get; set; } = 3;
}
