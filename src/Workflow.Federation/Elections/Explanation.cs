namespace Workflow.Federation.Elections;

/// <summary>
/// Why a rule accepted or refused something, for the people who read it: a stable code for clients and
/// tests, the text in Chinese (shown by default) and English, the figures the text quotes, and the ids
/// of the people or candidates it is about.
/// </summary>
public sealed record Explanation(string Code, string Chinese, string English)
{
    public IReadOnlyDictionary<string, int> Figures { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<string> Subjects { get; init; } = [];
}

/// <summary>A value that passed its rules, or the explanations of why it was refused. Made by <see cref="Checked"/>.</summary>
public sealed record Checked<T>
    where T : class
{
    internal Checked(T? value, IReadOnlyList<Explanation> refusals)
    {
        Value = value;
        Refusals = refusals;
    }

    public T? Value { get; }

    public IReadOnlyList<Explanation> Refusals { get; }

    public bool IsAccepted => Value is not null;

    /// <summary>The accepted value; asking a refusal for it is a programming error.</summary>
    public T Accepted => Value ?? throw new InvalidOperationException(
        $"refused: {string.Join("; ", Refusals.Select(r => r.Code))}");

    public bool Explains(string code) => Refusals.Any(r => r.Code == code);
}

public static class Checked
{
    public static Checked<T> Accept<T>(T value)
        where T : class => new(value, []);

    public static Checked<T> Refuse<T>(IReadOnlyList<Explanation> refusals)
        where T : class =>
        refusals.Count == 0
            ? throw new ArgumentException("a refusal needs at least one explanation", nameof(refusals))
            : new(null, refusals);

    public static Checked<T> Refuse<T>(Explanation refusal)
        where T : class => Refuse<T>([refusal]);
}
