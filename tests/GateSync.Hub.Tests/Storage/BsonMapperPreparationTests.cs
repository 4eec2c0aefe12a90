using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Tests.Storage;

public sealed class BsonMapperPreparationTests
{
    [Fact]
    public void Documents_read_on_many_threads_at_once_keep_their_nested_fields()
    {
        var stored = new BsonDocument
        {
            ["_id"] = "fr-0042-a",
            ["Received"] = new BsonArray { new BsonDocument { ["From"] = 1L, ["To"] = 300L } },
        };

        // Unprepared, LiteDB 5.0.21 lets a thread read a nested type's half-built map (litedb-org/LiteDB#2536) and
        // reads the ranges as zeros or not at all now and then; the first reads of a fresh mapper are where it happens.
        for (var round = 0; round < 200; round++)
        {
            var mapper = new BsonMapper();
            BsonMapperPreparation.Prepare(mapper, typeof(AgentDocument));

            var ranges = new (long From, long To)[8];
            Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, i =>
            {
                var received = mapper.ToObject<AgentDocument>(stored).Received;
                ranges[i] = received.Count == 1 ? (received[0].From, received[0].To) : (-1, received.Count);
            });

            Assert.All(ranges, range => Assert.Equal((1L, 300L), range));
        }
    }
}
