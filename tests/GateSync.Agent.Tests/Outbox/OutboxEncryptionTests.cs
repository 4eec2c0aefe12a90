using System.Text;
using GateSync.Agent.Outbox;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Outbox;

public sealed class OutboxEncryptionTests : IDisposable
{
    private const string Key = "a-test-outbox-key-0123456789";

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_encrypted_outbox_file_holds_no_ID_number_or_name_in_clear()
    {
        var swipe = TestSwipes.At(0);
        using (var outbox = Open(Key))
        {
            outbox.Append(swipe, null);
        }

        var bytes = File.ReadAllBytes(_directory.File(CheckInOutbox.FileName));
        Assert.DoesNotContain(swipe.Card.IdNumber, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain(swipe.Card.Name, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.False(ContainsAscii(bytes, swipe.Card.IdNumber));

        using var reopened = Open(Key);
        Assert.Equal(swipe.Card.IdNumber, Assert.Single(reopened.Pending(0, 10)).Decode().Card.IdNumber);
    }

    [Fact]
    public void A_plain_outbox_is_encrypted_in_place_when_a_key_is_set_and_keeps_its_check_ins()
    {
        var swipe = TestSwipes.At(1);
        using (var plain = Open(key: null))
        {
            plain.Append(swipe, null);
            plain.Append(TestSwipes.At(2), null);
        }

        Assert.True(ContainsAscii(File.ReadAllBytes(_directory.File(CheckInOutbox.FileName)), swipe.Card.IdNumber));

        using (var encrypted = Open(Key))
        {
            Assert.Equal([1L, 2L], encrypted.Pending(0, 10).Select(e => e.Seq));
            Assert.Equal(3, encrypted.Append(TestSwipes.At(3), null).Seq);
        }

        Assert.False(ContainsAscii(File.ReadAllBytes(_directory.File(CheckInOutbox.FileName)), swipe.Card.IdNumber));
    }

    [Fact]
    public void An_encrypted_outbox_without_its_key_stops_the_agent_naming_the_setting_and_is_left_in_place()
    {
        using (var outbox = Open(Key))
        {
            outbox.Append(TestSwipes.At(0), null);
        }

        var withoutKey = Assert.Throws<KeyMismatchException>(() => Open(key: null));
        Assert.Contains("Agent:Outbox:Key", withoutKey.Message, StringComparison.Ordinal);
        var wrongKey = Assert.Throws<KeyMismatchException>(() => Open("not-the-key-at-all"));
        Assert.Contains("Agent:Outbox:KeyFile", wrongKey.Message, StringComparison.Ordinal);

        Assert.Empty(Directory.GetFiles(_directory.Path, "outbox.corrupt-*"));
        using var withKey = Open(Key);
        Assert.Single(withKey.Pending(0, 10));
    }

    [Fact]
    public void A_truncated_outbox_file_is_moved_aside_reported_and_seq_continues()
    {
        using (var outbox = Open(Key))
        {
            for (var i = 0; i < 50; i++)
            {
                outbox.Append(TestSwipes.At(i), null);
            }
        }

        var path = _directory.File(CheckInOutbox.FileName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var log = new ListLogger<CheckInOutbox>();

        using var fresh = new CheckInOutbox(_directory.Path, "site-1", "agent-1", _time, log, Key);

        Assert.Single(Directory.GetFiles(_directory.Path, "outbox.corrupt-*.db"));
        Assert.Contains(log.Lines, line => line.Contains("moved to", StringComparison.Ordinal));
        Assert.Equal(51, fresh.Append(TestSwipes.At(60), null).Seq);
    }

    private static bool ContainsAscii(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    private CheckInOutbox Open(string? key) =>
        new(_directory.Path, "site-1", "agent-1", _time, NullLogger<CheckInOutbox>.Instance, key);
}
