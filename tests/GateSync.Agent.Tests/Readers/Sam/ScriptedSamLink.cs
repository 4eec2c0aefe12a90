using System.Threading.Channels;
using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

/// <summary>
/// An in-memory SAM for tests that drive time by hand: each command frame written is answered with the
/// bytes <see cref="Answer"/> returns for it, or not at all when it returns null.
/// </summary>
public sealed class ScriptedSamLink : ISerialLink, ISerialLinkFactory
{
    private readonly Channel<byte[]> replies = Channel.CreateUnbounded<byte[]>();

    public Func<SamCommand, byte[]?> Answer { get; set; } = _ => null;

    public int CommandsReceived { get; private set; }

    public string Device => "scripted";

    public bool DeviceExists() => true;

    public ISerialLink Open() => this;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var reply = await replies.Reader.ReadAsync(cancellationToken);
        reply.CopyTo(buffer);
        return reply.Length;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var command = SamFrameDecoder.DecodeCommand(bytes.Span);
        Assert.Equal(SamDecodeOutcome.Frame, command.Outcome);
        CommandsReceived++;
        if (Answer(new SamCommand(command.Body[0], command.Body[1])) is { } reply)
        {
            replies.Writer.TryWrite(reply);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
