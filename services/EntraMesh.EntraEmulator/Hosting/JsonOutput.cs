using System.Text.Encodings.Web;
using System.Text.Json;

namespace EntraMesh.EntraEmulator.Hosting;

/// <summary>How the emulator writes JSON by hand: quotes and apostrophes unescaped, as Graph and the identity platform write them.</summary>
public static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
