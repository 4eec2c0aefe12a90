namespace GateSync.Contracts.Wire;

public enum CardType
{
    Resident,
    ForeignPermanent,
    HmtPermit,
}

public enum Gender
{
    Unknown,
    Male,
    Female,
}

public enum Direction
{
    Unknown,
    In,
    Out,
}

public enum AccessDecision
{
    Granted,
    Denied,
    Recorded,
}

public enum AgentState
{
    Online,
    Offline,
}

public enum ReaderState
{
    Ok,
    Absent,
    Error,
}
