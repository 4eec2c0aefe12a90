namespace GateSync.Agent.Readers.Line;

/// <summary>How a line reader's bytes become text.</summary>
public enum LineTextEncoding
{
    /// <summary>7-bit ASCII: card readers that only send digits and letters; any other byte makes the line unreadable.</summary>
    Ascii,

    /// <summary>UTF-8: QR scanners, whose content may hold any text.</summary>
    Utf8,
}
