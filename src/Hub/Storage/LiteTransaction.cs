using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>
/// Work done in a LiteDB transaction of its own: committed when the work returns, rolled back when it throws. LiteDB
/// binds a transaction to its thread, so the work must stay on the calling thread (synchronous).
/// </summary>
internal static class LiteTransaction
{
    public static T Run<T>(ILiteDatabase database, Func<T> work)
    {
        if (!database.BeginTrans())
        {
            // Joining it would commit someone else's half-done work with ours.
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread; this work needs one of its own");
        }

        try
        {
            var result = work();
            database.Commit();
            return result;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    public static void Run(ILiteDatabase database, Action work) => Run(database, () =>
    {
        work();
        return true;
    });
}
