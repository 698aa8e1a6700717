using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.PopulationPreview;

/// <summary>The <c>PopulationPreview</c> section.</summary>
public sealed class PopulationPreviewOptions
{
    public const string Section = "PopulationPreview";

    /// <summary>Threads evaluating workers during one preview (one preview runs at a time per replica).</summary>
    [Range(1, 64, ErrorMessage = "PopulationPreview:Parallelism must be between 1 and 64.")]
    public int Parallelism { get; set; } = Environment.ProcessorCount;
}
