using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The saved engine state (<see cref="EngineSnapshot"/>) in the hub's own file, so it is encrypted with it when
/// <c>Hub:Database:Password</c> is set and backed up with it. Kept in pieces, since a LiteDB document stops at 1 MB, and
/// replaced whole in one transaction: a crash while saving leaves the state saved before.
/// </summary>
public sealed class EngineStateStore(HubDatabase database)
{
    public const string CollectionName = "engine_state";

    private const int PieceBytes = 512 * 1024;

    /// <summary>Replaces the saved state. Synchronous: a LiteDB transaction belongs to its thread.</summary>
    public void Save(ReadOnlyMemory<byte> state)
    {
        var pieces = database.Database.GetCollection(CollectionName);
        LiteTransaction.Run(database.Database, () =>
        {
            pieces.DeleteAll();
            for (var (offset, number) = (0, 0); offset < state.Length; offset += PieceBytes, number++)
            {
                var piece = state.Slice(offset, Math.Min(PieceBytes, state.Length - offset));
                pieces.Insert(new BsonDocument { ["_id"] = number, ["data"] = piece.ToArray() });
            }
        });
    }

    /// <summary>The saved state, or <c>null</c> when none has been saved.</summary>
    public MemoryStream? Open()
    {
        var pieces = database.Database.GetCollection(CollectionName);
        MemoryStream? state = null;

        // In _id order: the pieces' numbers.
        foreach (var piece in pieces.FindAll())
        {
            state ??= new MemoryStream();
            state.Write(piece["data"].AsBinary);
        }

        state?.Seek(0, SeekOrigin.Begin);
        return state;
    }

    /// <summary>Forgets the saved state (a restart then reads every stored check-in).</summary>
    public void Clear() => database.Database.GetCollection(CollectionName).DeleteAll();
}
