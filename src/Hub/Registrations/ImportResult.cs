namespace GateSync.Hub.Registrations;

/// <summary>The answer to a CSV import: <c>{"imported", "updated", "rejected": [{"row", "reason"}]}</c>.</summary>
public sealed record ImportResult(int Imported, int Updated, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>Whether the whole file was refused (its header), so nothing was read.</summary>
    public bool FileRefused => Rejected.Count > 0 && Rejected[0].Row == ImportRow<object>.HeaderRow;
}

/// <summary>A data row (counted from 1) that was not stored, and why; row 0 is the whole file.</summary>
public sealed record RejectedRow(int Row, string Reason);
