using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Simulated;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Tests.Infrastructure;

public static class TestSwipes
{
    private static readonly IReadOnlyList<CardData> People = SimulatedPopulation.Create(seed: 42, count: 10);

    /// <summary>A swipe of a valid made-up resident at <c>gate-1</c>, a minute apart per <paramref name="index"/>.</summary>
    public static CardSwipe At(int index) => new(
        "gate-1",
        Direction.In,
        People[index % People.Count],
        new DateTimeOffset(2026, 11, 24, 7, 58, 0, TimeSpan.FromHours(8)).AddMinutes(index));
}
