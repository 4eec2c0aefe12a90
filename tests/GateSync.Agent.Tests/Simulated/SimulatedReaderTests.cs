using System.Threading.Channels;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Simulated;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Simulated;

public sealed class SimulatedReaderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Simulated_people_carry_valid_id_numbers_that_agree_with_gender_and_birth_date()
    {
        var people = SimulatedPopulation.Create(seed: 3, count: 300);

        Assert.Equal(300, people.Select(p => p.IdNumber).Distinct().Count());
        Assert.All(people, card =>
        {
            var number = IdNumber.Normalize(card.IdNumber);
            Assert.True(number.IsValid, number.Error);
            Assert.Equal(IdNumber.GenderOf(card.IdNumber), card.Gender);
            Assert.NotEqual(Gender.Unknown, card.Gender);
            Assert.Equal(IdNumber.BirthDate(card.IdNumber), card.BirthDate);
            Assert.False(string.IsNullOrWhiteSpace(card.Name));
            Assert.True(card.ValidTo is null || card.ValidTo > card.ValidFrom);
        });
    }

    [Fact]
    public void Simulated_people_are_mostly_fengrun_locals_with_other_tangshan_districts_and_other_provinces()
    {
        var people = SimulatedPopulation.Create(seed: 3, count: 300);

        var fengrun = people.Count(p => p.IdNumber.StartsWith("130208", StringComparison.Ordinal));
        var otherTangshan = people.Count(p => p.IdNumber.StartsWith("1302", StringComparison.Ordinal)) - fengrun;
        var otherProvinces = people.Count(p => !p.IdNumber.StartsWith("13", StringComparison.Ordinal));

        Assert.InRange(fengrun, 80, 160);
        Assert.InRange(otherTangshan, 50, 130);
        Assert.InRange(otherProvinces, 50, 130);
    }

    [Fact]
    public void The_same_seed_gives_the_same_people_and_another_seed_other_people()
    {
        Assert.Equal(SimulatedPopulation.Create(5, 20), SimulatedPopulation.Create(5, 20));
        Assert.NotEqual(
            SimulatedPopulation.Create(5, 20).Select(p => p.IdNumber),
            SimulatedPopulation.Create(6, 20).Select(p => p.IdNumber));
    }

    [Fact]
    public async Task Swipes_come_only_as_the_clock_advances_and_make_contract_valid_check_ins()
    {
        var time = new FakeTimeProvider(Start);
        var options = new ReaderOptions { ReaderId = "gate-1", Kind = ReaderKind.Simulated, Direction = Direction.Out, People = 5, SwipesPerMinute = 60, Seed = 9 };
        var reader = new SimulatedReader(options, time, NullLogger<SimulatedReader>.Instance);
        var channel = Channel.CreateUnbounded<CardSwipe>();
        using var stop = new CancellationTokenSource();
        var running = reader.RunAsync(channel.Writer, stop.Token);

        await Task.Delay(200);
        Assert.False(channel.Reader.TryRead(out _), "no time has passed, so nobody has swiped");

        var swipes = new List<CardSwipe>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (swipes.Count < 10 && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            while (channel.Reader.TryRead(out var swipe))
            {
                swipes.Add(swipe);
            }

            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(swipes.Count >= 10, $"only {swipes.Count} swipes");
        Assert.Equal(ReaderState.Ok, reader.State);
        Assert.All(swipes, s => Assert.InRange(s.OccurredAt, Start, time.GetUtcNow()));
        Assert.All(swipes.Zip(swipes.Skip(1)), pair => Assert.True(pair.First.OccurredAt <= pair.Second.OccurredAt));
        for (var i = 0; i < swipes.Count; i++)
        {
            var swipe = swipes[i];
            Assert.Equal("gate-1", swipe.ReaderId);
            Assert.Equal(Direction.Out, swipe.Direction);
            Assert.Contains(swipe.Card, reader.People);
            var checkIn = new CheckIn
            {
                AgentId = "agent-1",
                SiteId = "site-1",
                Seq = i + 1,
                ReaderId = swipe.ReaderId,
                Direction = swipe.Direction,
                OccurredAt = swipe.OccurredAt,
                Card = swipe.Card,
            };
            var validation = CheckInValidator.Validate(Topics.CheckIn("site-1", "agent-1"), ContractJson.Serialize(checkIn));
            Assert.True(validation.IsValid, validation.Reason);
        }
    }
}
