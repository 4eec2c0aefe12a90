namespace GateSync.Agent.Readers.Sam;

/// <summary>The <c>CMD PARA</c> pair of a host-to-SAM command.</summary>
public readonly record struct SamCommand(byte Code, byte Parameter)
{
    public static SamCommand ResetSam { get; } = new(0x10, 0xFF);

    public static SamCommand SamStatus { get; } = new(0x11, 0xFF);

    public static SamCommand ReadSamId { get; } = new(0x12, 0xFF);

    public static SamCommand FindCard { get; } = new(0x20, 0x01);

    public static SamCommand SelectCard { get; } = new(0x20, 0x02);

    /// <summary>Text and photo; the agent never asks for the fingerprint (<c>30 10</c>).</summary>
    public static SamCommand ReadText { get; } = new(0x30, 0x01);

    public override string ToString() => $"{Code:X2} {Parameter:X2}";
}
