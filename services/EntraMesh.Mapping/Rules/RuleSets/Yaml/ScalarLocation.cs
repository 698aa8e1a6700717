using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EntraMesh.Mapping.Rules.RuleSets.Yaml;

/// <summary>
/// Maps a character of a YAML scalar's value back to its line and column in the file, through the scalar's style:
/// quotes and escapes ('' and \"), folded line breaks, and the indentation of literal (|) and folded (&gt;) blocks.
/// </summary>
internal sealed class ScalarLocation(string source, YamlScalarNode node) : ExpressionLocation
{
    public override SourcePosition At(int offset)
    {
        var index = (int)node.Start.Index;
        var line = (int)node.Start.Line;
        var column = (int)node.Start.Column;
        return node.Style is ScalarStyle.Literal or ScalarStyle.Folded
            ? InBlock(offset, index, line)
            : InFlow(offset, index, line, column);
    }

    SourcePosition InFlow(int offset, int index, int line, int column)
    {
        var quote = node.Style switch
        {
            ScalarStyle.SingleQuoted => '\'',
            ScalarStyle.DoubleQuoted => '"',
            _ => '\0',
        };
        if (quote != '\0')
        {
            index++;
            column++;
        }

        for (var value = 0; index < source.Length; value++)
        {
            if (value == offset) return new SourcePosition(line, column);
            var c = source[index];
            if (c is '\r' or '\n')
            {
                // A line break inside a flow scalar folds into one space; the next line's indentation is not content.
                index += c == '\r' && index + 1 < source.Length && source[index + 1] == '\n' ? 2 : 1;
                line++;
                column = 1;
                while (index < source.Length && source[index] is ' ' or '\t')
                {
                    index++;
                    column++;
                }

                continue;
            }

            var width = quote switch
            {
                '\'' when c == '\'' && index + 1 < source.Length && source[index + 1] == '\'' => 2,
                '"' when c == '\\' && index + 1 < source.Length => EscapeWidth(source[index + 1]),
                _ => 1,
            };
            index += width;
            column += width;
        }

        return new SourcePosition(line, column);
    }

    SourcePosition InBlock(int offset, int index, int line)
    {
        // Skip the header line (| or > with its indicators and comment).
        while (index < source.Length && source[index] != '\n') index++;
        index++;
        line++;
        var indentation = Indentation(index);
        for (var value = 0; index < source.Length;)
        {
            var column = 1;
            for (var skipped = 0; skipped < indentation && index < source.Length && source[index] == ' '; skipped++)
            {
                index++;
                column++;
            }

            while (index < source.Length && source[index] is not ('\n' or '\r'))
            {
                if (value == offset) return new SourcePosition(line, column);
                index++;
                column++;
                value++;
            }

            if (value == offset) return new SourcePosition(line, column);
            index += index < source.Length && source[index] == '\r' ? 2 : 1;
            value++;
            line++;
        }

        return new SourcePosition(line, 1);
    }

    int Indentation(int index)
    {
        while (index < source.Length)
        {
            var spaces = 0;
            while (index + spaces < source.Length && source[index + spaces] == ' ') spaces++;
            if (index + spaces < source.Length && source[index + spaces] is not ('\n' or '\r')) return spaces;
            index += spaces + 1;
        }

        return 0;
    }

    static int EscapeWidth(char escaped) => escaped switch
    {
        'x' => 4,
        'u' => 6,
        'U' => 10,
        _ => 2,
    };
}
