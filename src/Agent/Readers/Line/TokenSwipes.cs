using System.Threading.Channels;
using GateSync.Contracts.Identity;

namespace GateSync.Agent.Readers.Line;

/// <summary>
/// The rule shared by the line and keyboard readers: an ID number becomes a swipe (once per presentation),
/// any other token goes to the door access only, an unusable line is logged. Tokens are logged masked.
/// </summary>
public sealed partial class TokenSwipes(ReaderOptions options, TimeProvider time, IAccessTokenSink doors, ILogger logger)
{
    private readonly TokenDebounce debounce = new(TimeSpan.FromSeconds(Math.Max(0, options.DebounceSeconds)), time);

    public async ValueTask HandleAsync(ReaderLine line, ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swipes);
        if (line.Text is not { } token)
        {
            LogUnusable(logger, options.ReaderId, line.Problem, line.ByteCount);
            return;
        }

        if (!debounce.Counts(token))
        {
            return;
        }

        if (NumberOnlyCard.FromToken(token) is { } card)
        {
            LogSwipe(logger, options.ReaderId, PersonalDataMask.IdNumber(card.IdNumber));
            await swipes.WriteAsync(new CardSwipe(options.ReaderId, options.Direction, card, time.GetLocalNow()), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        LogNotIdNumber(logger, options.ReaderId, PersonalDataMask.IdNumber(token), token.Length);
        doors.TokenRead(options.ReaderId, token);
    }

    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "Reader {ReaderId}: card {IdNumber}")]
    private static partial void LogSwipe(ILogger logger, string readerId, string idNumber);

    [LoggerMessage(EventId = 261, Level = LogLevel.Information, Message = "Reader {ReaderId}: token {Token} ({Length} characters) is not an ID number; not a check-in")]
    private static partial void LogNotIdNumber(ILogger logger, string readerId, string token, int length);

    [LoggerMessage(EventId = 262, Level = LogLevel.Warning, Message = "Reader {ReaderId}: discarded a line of {ByteCount} bytes ({Problem}); if every line fails, check the reader's terminator, encoding and MaxLineLength settings")]
    private static partial void LogUnusable(ILogger logger, string readerId, LineProblem problem, int byteCount);
}
