using System.Runtime.CompilerServices;
using CsvHelper;

namespace GateSync.Hub.Registrations;

/// <summary>
/// Reads an import's CSV (RFC 4180, UTF-8 with or without BOM, a header row) as rows of named fields, one
/// at a time. A malformed row is rejected with its reason and reading goes on; only a file without the
/// required header is rejected whole (row 0).
/// </summary>
public static class CsvTable
{
    private const char Replacement = '\uFFFD';

    /// <summary>A row this long is not a registration; it is an unclosed quote swallowing the file.</summary>
    private const int MaxRecordBytes = 64 * 1024;

    public static async IAsyncEnumerable<ImportRow<CsvFields>> ReadAsync(
        Stream csv,
        IReadOnlyList<string> requiredColumns,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(requiredColumns);

        // The reader scans ahead, so malformed records are remembered by number, not by "the last one".
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
            MaxRecordSize = MaxRecordBytes,
            IncludeValuesInExceptions = false,
        };

        var reader = CsvReader.Create(csv, options, leaveOpen: true);
        await using var readerScope = reader.ConfigureAwait(false);

        string? headerProblem = null;
        try
        {
            await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException)
        {
            headerProblem = "the header row is malformed";
        }

        var header = headerProblem is null ? reader.Headers.ToArray() : [];
        if (headerProblem is null && (header.Length == 0 || (header.Length == 1 && header[0].Length == 0)))
        {
            headerProblem = "the file is empty";
        }

        var columns = ColumnsOf(header);
        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (headerProblem is not null || missing.Count > 0)
        {
            var problem = headerProblem ?? $"the header lacks column(s) {string.Join(", ", missing)}";
            yield return ImportRow<CsvFields>.Rejected(
                ImportRow<CsvFields>.HeaderRow, $"{problem}; expected a header row {string.Join(",", requiredColumns)}");
            yield break;
        }

        var row = 0;
        while (true)
        {
            string? unreadable = null;
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (CsvFormatException)
            {
                // Past a record the reader cannot hold, it cannot find where the next one starts.
                unreadable = $"unreadable from here on: a row longer than {MaxRecordBytes} bytes (an unclosed quote?)";
            }

            row++;
            if (unreadable is not null)
            {
                yield return ImportRow<CsvFields>.Rejected(row, unreadable);
                yield break;
            }

            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetString(i) ?? string.Empty;
            }

            // Record numbers count the header as record 1.
            var quoting = malformed.Remove(row + 1, out var reason) ? reason : (CsvMalformedReason?)null;
            yield return Check(values, header.Length, quoting) is { } rejection
                ? ImportRow<CsvFields>.Rejected(row, rejection)
                : ImportRow<CsvFields>.Accepted(row, new CsvFields(row, columns, values));
        }
    }

    private static string? Check(string[] values, int headerCount, CsvMalformedReason? quoting)
    {
        if (quoting is { } reason)
        {
            return $"malformed quoting ({reason}): a field with a quote, comma or line break must be enclosed in double quotes, and a quote inside it doubled";
        }

        if (values.Length != headerCount)
        {
            return $"row has {values.Length} fields, the header has {headerCount}";
        }

        return values.Any(v => v.Contains(Replacement, StringComparison.Ordinal))
            ? "row is not valid UTF-8 (a spreadsheet saved as GBK/ANSI? save it as CSV UTF-8)"
            : null;
    }

    private static Dictionary<string, int> ColumnsOf(string[] header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        return columns;
    }
}
