namespace GateSync.Contracts;

public static class ContractVersion
{
    /// <summary>The <c>v</c> field of every payload of contract version 1.</summary>
    public const int Current = 1;
}
