namespace GateSync.Testing.Sam;

/// <summary>Something going wrong on the line or in the SAM, applied to one response of the emulator.</summary>
public abstract record SamEmulatorFault
{
    private SamEmulatorFault()
    {
    }

    /// <summary>Line noise written just before the response.</summary>
    public sealed record Garbage(byte[] Bytes) : SamEmulatorFault;

    /// <summary>The response with its checksum byte flipped.</summary>
    public sealed record BadChecksum : SamEmulatorFault;

    /// <summary>An answer with this SW3 status and no data instead of the real one.</summary>
    public sealed record Status(byte Sw3) : SamEmulatorFault;

    /// <summary>No answer at all.</summary>
    public sealed record Silence : SamEmulatorFault;
}
