namespace GateSync.Agent.Doors;

/// <summary>One entry of <c>Agent:Doors</c>: a door strike on an LCUS relay, the readers at that door, and who it lets in.</summary>
public sealed class DoorOptions
{
    public string DoorId { get; set; } = string.Empty;

    /// <summary>The <c>Agent:Readers</c> ids at this door; a swipe at one of them is decided by this door's policy.</summary>
    public List<string> ReaderIds { get; set; } = [];

    public AccessPolicy Policy { get; set; } = AccessPolicy.RecordOnly;

    /// <summary>Serial device of the LCUS relay board, e.g. <c>/dev/ttyUSB1</c>; not needed for <see cref="AccessPolicy.RecordOnly"/>.</summary>
    public string? RelayPort { get; set; }

    public int RelayBaudRate { get; set; } = 9600;

    /// <summary>Which relay of the board drives the strike, from 1.</summary>
    public int Relay { get; set; } = 1;

    public int HoldOpenMilliseconds { get; set; } = 3000;

    /// <summary>ID numbers of staff (caretakers, security) let in by a <see cref="AccessPolicy.ResidentsOnly"/> door.</summary>
    public List<string> StaffIdNumbers { get; set; } = [];

    /// <summary>
    /// Access card numbers (as a line or keyboard reader types them) that open this door. They are not ID numbers,
    /// so they are never check-ins; they only open the door under any policy but <see cref="AccessPolicy.RecordOnly"/>.
    /// </summary>
    public List<string> StaffCardNumbers { get; set; } = [];
}
