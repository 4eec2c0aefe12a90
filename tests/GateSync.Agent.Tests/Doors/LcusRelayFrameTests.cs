using GateSync.Agent.Doors;

namespace GateSync.Agent.Tests.Doors;

public class LcusRelayFrameTests
{
    [Fact]
    public void Relay_1_closes_with_a0_01_01_a2_and_releases_with_a0_01_00_a1()
    {
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x01, 0xA2 }, LcusRelayFrame.Close(1));
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x00, 0xA1 }, LcusRelayFrame.Release(1));
    }

    [Theory]
    [InlineData(2, new byte[] { 0xA0, 0x02, 0x01, 0xA3 })]
    [InlineData(8, new byte[] { 0xA0, 0x08, 0x01, 0xA9 })]
    [InlineData(0x60, new byte[] { 0xA0, 0x60, 0x01, 0x01 })] // the checksum keeps only the low byte
    public void Checksum_is_the_low_byte_of_the_sum(int relay, byte[] expected) =>
        Assert.Equal(expected, LcusRelayFrame.Close(relay));

    [Theory]
    [InlineData(0)]
    [InlineData(256)]
    public void Relay_numbers_outside_the_board_are_refused(int relay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LcusRelayFrame.Close(relay));
}
