using System.Text;

namespace GateSync.Agent.Readers.Sam;

/// <summary>A fixed-width UCS-2 little-endian field of the 256-byte text block, padded with spaces.</summary>
internal readonly record struct SamTextField(int Offset, int Length)
{
    /// <summary>The field's text without padding; never throws (broken surrogates become U+FFFD).</summary>
    public string Read(ReadOnlySpan<byte> text) =>
        Encoding.Unicode.GetString(text.Slice(Offset, Length)).Trim(' ', '\0');
}
