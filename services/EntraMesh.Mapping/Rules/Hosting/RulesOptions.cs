using System.ComponentModel.DataAnnotations;

namespace EntraMesh.Mapping.Rules.Hosting;

/// <summary>Where the running rule set comes from, and how large a rule set the HTTP API reads.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>The rule-set YAML file the service runs, absolute or relative to the content root.</summary>
    [Required(ErrorMessage = "Rules:Path must name the rule-set YAML file the mapping service runs (for example samples/rules/csv2scim.yaml).")]
    public string? Path { get; set; }

    /// <summary>
    /// How often the file at <see cref="Path"/> is read for a changed rule set (compared by content hash, so a Kubernetes
    /// ConfigMap's symlink swap is seen); a changed file is validated, test cases included, before it replaces the running
    /// rule set. <c>00:00:00</c> turns hot reload off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Rules:ReloadInterval must be between 00:00:00 (off) and 01:00:00.")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body (a rule set, or a preview request with its candidate rule set) the API reads.</summary>
    [Range(4_096, 16 * 1_048_576, ErrorMessage = "Rules:MaxRequestBytes must be between 4096 and 16777216.")]
    public int MaxRequestBytes { get; set; } = 1_048_576;
}
