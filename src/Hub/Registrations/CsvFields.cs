using System.Globalization;

namespace GateSync.Hub.Registrations;

/// <summary>
/// One data row's fields by column name, with checks that collect every problem of the row
/// rather than stopping at the first, so a clerk fixes a row once.
/// </summary>
public sealed class CsvFields(int row, IReadOnlyDictionary<string, int> columns, string[] values)
{
    private readonly List<string> problems = [];

    public int Row { get; } = row;

    public IReadOnlyList<string> Problems => problems;

    public ImportRow<T> Result<T>(Func<T> create)
        where T : class =>
        problems.Count == 0 ? ImportRow<T>.Accepted(Row, create()) : ImportRow<T>.Rejected(Row, string.Join("; ", problems));

    public void Problem(string text) => problems.Add(text);

    /// <summary>The trimmed value, or <c>null</c> when empty.</summary>
    public string? Optional(string column)
    {
        var value = values[columns[column]].Trim();
        return value.Length == 0 ? null : value;
    }

    public string Required(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            problems.Add($"{column} is empty");
        }

        return value ?? string.Empty;
    }

    public string Identifier(string column)
    {
        var value = Required(column);
        if (value.Length > 0 && Contracts.Wire.Identifier.Problem(column, value) is { } problem)
        {
            problems.Add(problem);
        }

        return value;
    }

    public TEnum OneOf<TEnum>(string column, IReadOnlyDictionary<string, TEnum> allowed)
        where TEnum : struct, Enum
    {
        var value = Optional(column);
        if (value is not null && allowed.TryGetValue(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"{column} must be one of {string.Join(", ", allowed.Keys)} (was '{value}')");
        return default;
    }

    public DateOnly? Date(string column, bool required)
    {
        var value = Optional(column);
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{column} is empty; expected a date YYYY-MM-DD");
            }

            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{column} must be a date YYYY-MM-DD (was '{value}')");
        return null;
    }

    public int Count(string column)
    {
        var value = Optional(column);
        if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        problems.Add($"{column} must be a whole number 0 or more (was '{value}')");
        return 0;
    }
}
