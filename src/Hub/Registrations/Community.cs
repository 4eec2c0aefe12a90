namespace GateSync.Hub.Registrations;

/// <summary>A community (社区/村) under a police station, with the co-managers (协管员) it has.</summary>
public sealed record Community(string Name, string Station, AreaKind Area, int CoManagers);
