namespace GateSync.Hub.Registrations;

/// <summary>
/// One row of a CSV import: the record, or why it was rejected. <see cref="Row"/> counts data rows from 1
/// (as the contract's <c>{"row", "reason"}</c>); row 0 is the header, rejected only when the whole file is
/// unusable (a missing column, no header at all).
/// </summary>
public sealed record ImportRow<T>(int Row, T? Record, string? Reason)
    where T : class
{
    public const int HeaderRow = 0;

    public bool IsAccepted => Record is not null;

    public static ImportRow<T> Accepted(int row, T record) => new(row, record, null);

    public static ImportRow<T> Rejected(int row, string reason) => new(row, null, reason);
}
