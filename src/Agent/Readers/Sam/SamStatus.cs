namespace GateSync.Agent.Readers.Sam;

/// <summary>SW3 of a SAM response (SW1 SW2 are <c>00 00</c>), after GA 467-2013.</summary>
public enum SamStatus : byte
{
    /// <summary>Frame checksum error (the SAM saw a corrupted command).</summary>
    FrameChecksumError = 0x10,

    /// <summary>Frame length error.</summary>
    FrameLengthError = 0x11,

    /// <summary>Command error.</summary>
    CommandError = 0x21,

    /// <summary>Unauthorised command.</summary>
    UnauthorisedCommand = 0x23,

    /// <summary>Unrecognised error.</summary>
    UnrecognisedError = 0x24,

    /// <summary>The card's authentication of the SAM failed.</summary>
    CardAuthenticationOfSamFailed = 0x31,

    /// <summary>The SAM's authentication of the card failed.</summary>
    SamAuthenticationOfCardFailed = 0x32,

    /// <summary>Information check failed.</summary>
    InformationCheckFailed = 0x33,

    /// <summary>Unknown card type.</summary>
    UnknownCardType = 0x40,

    /// <summary>Reading the card failed (often: the card moved away mid-read).</summary>
    ReadFailed = 0x41,

    /// <summary>No such operation.</summary>
    NoSuchOperation = 0x47,

    /// <summary>SAM self-test failed.</summary>
    SamSelfTestFailed = 0x60,

    /// <summary>SAM not authorised.</summary>
    SamNotAuthorised = 0x66,

    /// <summary>Find card failed: no card on the reader.</summary>
    NoCard = 0x80,

    /// <summary>Select card failed.</summary>
    SelectFailed = 0x81,

    /// <summary>Success.</summary>
    Success = 0x90,

    /// <summary>No content (e.g. no appended address).</summary>
    NoContent = 0x91,

    /// <summary>Find card succeeded.</summary>
    FindSuccess = 0x9F,
}

public static class SamStatusMeaning
{
    /// <summary>
    /// Whether a status says the SAM or the line is at fault, rather than the card in front of it:
    /// a card slid away mid-read or a forged card is no reason to call the reader broken.
    /// </summary>
    public static bool IsSamFault(this SamStatus status) => status switch
    {
        SamStatus.Success or SamStatus.FindSuccess or SamStatus.NoCard or SamStatus.SelectFailed
            or SamStatus.ReadFailed or SamStatus.NoContent or SamStatus.UnknownCardType
            or SamStatus.CardAuthenticationOfSamFailed or SamStatus.SamAuthenticationOfCardFailed
            or SamStatus.InformationCheckFailed => false,
        _ => true,
    };
}
