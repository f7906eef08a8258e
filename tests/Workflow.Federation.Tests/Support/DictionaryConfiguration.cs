using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Workflow.Federation.Tests.Support;

/// <summary>Flat "A:B:C" keys as an <see cref="IConfiguration"/>; the configuration packages are not among this project's references.</summary>
public sealed class DictionaryConfiguration(IReadOnlyDictionary<string, string?> values, string path = "") : IConfigurationSection
{
    public string? this[string key]
    {
        get => values.GetValueOrDefault(Combine(key));
        set => throw new NotSupportedException();
    }

    public string Key => path.Split(':')[^1];
    public string Path => path;
    public string? Value { get => values.GetValueOrDefault(path); set => throw new NotSupportedException(); }

    public IConfigurationSection GetSection(string key) => new DictionaryConfiguration(values, Combine(key));

    public IEnumerable<IConfigurationSection> GetChildren()
    {
        var prefix = path.Length == 0 ? "" : path + ":";
        return values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && k.Length > prefix.Length)
            .Select(k => k[prefix.Length..].Split(':')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection);
    }

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

    private string Combine(string key) => path.Length == 0 ? key : path + ":" + key;
}
