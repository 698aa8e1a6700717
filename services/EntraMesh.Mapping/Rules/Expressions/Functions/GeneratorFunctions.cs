using EntraMesh.Mapping.Rules.Expressions.Syntax;

namespace EntraMesh.Mapping.Rules.Expressions.Functions;

/// <summary>Guid, RandomString and SelectUniqueValue: values generated rather than read.</summary>
internal static class GeneratorFunctions
{
    public const string SelectUniqueValueName = "SelectUniqueValue";

    const string Digits = "0123456789";
    const string Capitals = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const string LowerCase = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The special characters of Windows' password complexity rules.</summary>
    const string Specials = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

    const int MaxRandomLength = 256;

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new() { Name = "Guid", Signature = "Guid()", MinArguments = 0, MaxArguments = 0, Body = NewGuid },
        new()
        {
            Name = "RandomString",
            Signature = "RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase, CharactersToAvoid)",
            MinArguments = 5,
            MaxArguments = 6,
            Body = RandomString,
            Check = CheckRandomString,
        },
        new()
        {
            Name = SelectUniqueValueName,
            Signature = "SelectUniqueValue(uniqueValueRule1, uniqueValueRule2, uniqueValueRule3, ...)",
            MinArguments = 2,
            MaxArguments = FunctionDefinition.Unbounded,
            TopLevelOnly = true,
            Body = FirstCandidate,
        },
    ];

    static Value NewGuid(FunctionCallNode call, EvaluationContext context)
    {
        Span<byte> bytes = stackalloc byte[16];
        context.Environment.Random.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return Value.FromString(new Guid(bytes).ToString("D"));
    }

    /// <summary>
    /// At least the requested numbers, special characters, capitals and lower-case letters, the rest drawn from the
    /// categories asked for (letters and digits when none is), without the characters to avoid, shuffled.
    /// </summary>
    static Value RandomString(FunctionCallNode call, EvaluationContext context)
    {
        var length = context.Integer(call, 0, "Length");
        long[] minimums =
        [
            context.Integer(call, 1, "MinimumNumbers"),
            context.Integer(call, 2, "MinimumSpecialCharacters"),
            context.Integer(call, 3, "MinimumCapital"),
            context.Integer(call, 4, "MinimumLowerCase"),
        ];
        var problem = Problem(length, minimums);
        if (problem is not null) throw new ExpressionEvaluationException($"RandomString: {problem}.", call);

        var avoid = context.Text(call, 5) ?? "";
        var categories = new[] { Digits, Specials, Capitals, LowerCase }
            .Select(category => new string(category.Where(c => !avoid.Contains(c)).ToArray()))
            .ToArray();
        for (var i = 0; i < categories.Length; i++)
        {
            if (minimums[i] > 0 && categories[i].Length == 0) throw new ExpressionEvaluationException("RandomString: CharactersToAvoid leaves no character of a required kind.", call);
        }

        var random = context.Environment.Random;
        var result = new List<char>((int)length);
        for (var i = 0; i < categories.Length; i++)
        {
            for (var n = 0; n < minimums[i]; n++) result.Add(Pick(categories[i], random));
        }

        var rest = string.Concat(categories.Where((_, i) => minimums[i] > 0));
        if (rest.Length == 0) rest = categories[0] + categories[2] + categories[3];
        while (result.Count < length) result.Add(Pick(rest, random));

        for (var i = result.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return Value.FromString(new string([.. result]));
    }

    static char Pick(string characters, Randomness random) => characters[random.Next(characters.Length)];

    static string? Problem(long length, IReadOnlyList<long> minimums) =>
        length is < 1 or > MaxRandomLength ? $"Length must be between 1 and {MaxRandomLength}, got {length}"
        : minimums.Any(m => m < 0) ? "the minimums must not be negative"
        : minimums.Sum() > length ? $"the minimums add up to {minimums.Sum()}, more than the Length {length}"
        : null;

    static void CheckRandomString(FunctionCallNode call, ExpressionDiagnostics diagnostics)
    {
        var numbers = Enumerable.Range(0, 5).Select(i => call.Argument(i) as IntegerNode).ToList();
        if (numbers.Any(n => n is null)) return;
        var problem = Problem(numbers[0]!.Number, numbers.Skip(1).Select(n => n!.Number).ToList());
        if (problem is not null) diagnostics.Error(call.Start, call.Length, $"RandomString: {problem}");
    }

    /// <summary>Without a uniqueness check (a plain evaluation), the first rule that yields a value.</summary>
    static Value FirstCandidate(FunctionCallNode call, EvaluationContext context)
    {
        for (var i = 0; i < call.Count; i++)
        {
            var value = context.Evaluate(call.Argument(i));
            if (!value.IsNullOrEmpty) return value;
        }

        return Value.Null;
    }
}
