namespace GateSync.Agent.Readers.Line;

/// <summary>
/// Checks one <c>Agent:Readers</c> entry of kind <see cref="ReaderKind.LineSerial"/> or <see cref="ReaderKind.EvdevKeyboard"/>
/// at start; each failure names the setting as written in configuration.
/// </summary>
public static class TokenReaderSettings
{
    public const int MaxLineLengthLimit = 4096;

    /// <param name="key">The entry's configuration path, e.g. <c>Agent:Readers:0</c>.</param>
    public static IReadOnlyList<string> Check(string key, ReaderOptions reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var failures = new List<string>();
        switch (reader.Kind)
        {
            case ReaderKind.LineSerial:
                CheckLineSerial(failures, key, reader);
                break;
            case ReaderKind.EvdevKeyboard:
                if (string.IsNullOrWhiteSpace(reader.DevicePath))
                {
                    failures.Add($"{key}:DevicePath must name the reader's input device, e.g. /dev/input/by-id/usb-Reader-event-kbd (was empty)");
                }

                if (!OperatingSystem.IsLinux())
                {
                    failures.Add($"{key}:Kind EvdevKeyboard reads Linux input devices and does not run on this system");
                }

                break;
            default:
                return failures;
        }

        if (reader.MaxLineLength is < 1 or > MaxLineLengthLimit)
        {
            failures.Add($"{key}:MaxLineLength must be 1-{MaxLineLengthLimit} characters, e.g. 256 (was {reader.MaxLineLength})");
        }

        if (!(reader.DebounceSeconds >= 0 && double.IsFinite(reader.DebounceSeconds)))
        {
            failures.Add($"{key}:DebounceSeconds must be 0 or more, e.g. 3 (was {reader.DebounceSeconds})");
        }

        return failures;
    }

    private static void CheckLineSerial(List<string> failures, string key, ReaderOptions reader)
    {
        if (string.IsNullOrWhiteSpace(reader.Port))
        {
            failures.Add($"{key}:Port must name the reader's serial device, e.g. /dev/ttyUSB0 or COM3 (was empty)");
        }

        if (reader.BaudRate <= 0)
        {
            failures.Add($"{key}:BaudRate must be a whole number above 0, e.g. 9600 (was {reader.BaudRate})");
        }

        if (LineFraming.ParseTerminator(reader.LineTerminator) is null)
        {
            failures.Add($"{key}:LineTerminator must be CRLF, LF, CR or one byte such as 0x03 (was '{reader.LineTerminator}')");
        }

        CheckOptionalByte(failures, $"{key}:LineStripPrefix", reader.LineStripPrefix, "0x02 (STX)");
        CheckOptionalByte(failures, $"{key}:LineStripSuffix", reader.LineStripSuffix, "0x03 (ETX)");
        if (!Enum.IsDefined(reader.LineEncoding))
        {
            failures.Add($"{key}:LineEncoding must be one of {string.Join(", ", Enum.GetNames<LineTextEncoding>())} (was {reader.LineEncoding})");
        }
    }

    private static void CheckOptionalByte(List<string> failures, string setting, string? value, string example)
    {
        if (!string.IsNullOrWhiteSpace(value) && LineFraming.ParseByte(value) is null)
        {
            failures.Add($"{setting} must be one byte such as {example}, or absent (was '{value}')");
        }
    }
}
