using GateSync.Contracts.Identity;

namespace GateSync.Agent.Doors;

/// <summary>A fixed set of ID numbers, e.g. a door's staff from settings. Numbers are normalised; invalid ones are left out.</summary>
public sealed class AllowList : IAccessList
{
    private readonly HashSet<string> idNumbers;

    public AllowList(IEnumerable<string> idNumbers)
    {
        ArgumentNullException.ThrowIfNull(idNumbers);
        this.idNumbers = new HashSet<string>(
            idNumbers.Select(n => IdNumber.Normalize(n)).Where(r => r.IsValid).Select(r => r.Normalized!),
            StringComparer.Ordinal);
    }

    public static AllowList Empty { get; } = new([]);

    public int Count => idNumbers.Count;

    public bool Contains(string idNumber) => idNumbers.Contains(idNumber.ToUpperInvariant());
}
