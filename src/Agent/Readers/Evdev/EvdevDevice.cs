using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GateSync.Agent.Readers.Evdev;

/// <summary>
/// An open evdev device (or, in tests, any readable file). Reads wait with <c>poll</c> and a timeout, so the reading
/// thread notices cancellation; a plain blocking read on an input device would wait for the next key press.
/// </summary>
internal sealed class EvdevDevice : IDisposable
{
    /// <summary><c>EVIOCGRAB</c> = <c>_IOW('E', 0x90, int)</c>.</summary>
    private const uint EviocGrab = 0x40044590;
    private const short PollIn = 0x001;

    private readonly SafeFileHandle handle;
    private long position;

    private EvdevDevice(SafeFileHandle handle) => this.handle = handle;

    /// <summary>Opens the device for reading; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public static EvdevDevice Open(string path) => new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));

    /// <summary>Takes the device for this process alone; returns the errno when the kernel refuses (e.g. not an input device).</summary>
    public int? Grab()
    {
        var result = Ioctl(Descriptor, EviocGrab, 1);
        return result == 0 ? null : Marshal.GetLastPInvokeError();
    }

    /// <summary>Bytes read; 0 at the end of a file; -1 when nothing arrived within <paramref name="timeout"/>.</summary>
    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var poll = new PollDescriptor { Descriptor = Descriptor, Events = PollIn };
        var ready = Poll(ref poll, 1, (int)timeout.TotalMilliseconds);
        if (ready == 0)
        {
            return -1;
        }

        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();

            // EINTR: a signal arrived; the caller simply waits again.
            return errno == 4 ? -1 : throw new IOException($"poll failed with errno {errno}");
        }

        // Readable, or an error/hang-up that the read reports as an IOException (ENODEV after an unplug).
        // Devices and FIFOs ignore the offset; a regular file (a recorded event stream) needs it.
        var count = RandomAccess.Read(handle, buffer, position);
        position += count;
        return count;
    }

    public void Dispose() => handle.Dispose();

    private int Descriptor => (int)handle.DangerousGetHandle();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which this project does not
    // allow, and both calls take only blittable arguments, so there is nothing to marshal.
    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int descriptor, nuint request, nint argument);
}
