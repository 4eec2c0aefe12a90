using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

public sealed class SerialPortLinkFactoryTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("gatesync-links-");

    [Fact]
    public void A_link_left_behind_by_an_unplugged_device_is_absent()
    {
        var link = Path.Combine(directory.FullName, "usb-reader");
        File.CreateSymbolicLink(link, Path.Combine(directory.FullName, "ttyUSB-gone"));

        Assert.False(new SerialPortLinkFactory(link, 115200).DeviceExists());
    }

    [Fact]
    public void A_link_to_an_existing_device_is_present()
    {
        var link = Path.Combine(directory.FullName, "usb-reader");
        File.CreateSymbolicLink(link, "/dev/null");

        Assert.True(new SerialPortLinkFactory(link, 115200).DeviceExists());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_unset_device_is_absent_rather_than_an_exception(string device) =>
        Assert.False(new SerialPortLinkFactory(device, 115200).DeviceExists());

    public void Dispose() => directory.Delete(recursive: true);
}
