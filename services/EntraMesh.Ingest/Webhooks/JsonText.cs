using System.Text.Json;

namespace EntraMesh.Ingest.Webhooks;

/// <summary>A JSON scalar as text: strings as they are, numbers and booleans as written, null and others as null.</summary>
public static class JsonText
{
    /// <summary>False when a string holds escapes that are not valid Unicode (an unpaired surrogate).</summary>
    public static bool TryRead(JsonElement element, out string? text)
    {
        text = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    text = element.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }

            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                text = element.GetRawText();
                return true;
            default:
                return true;
        }
    }

    /// <summary>False when a property name holds escapes that are not valid Unicode (an unpaired surrogate).</summary>
    public static bool TryReadName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
