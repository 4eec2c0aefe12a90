using LiteDB;

namespace GateSync.Agent.Outbox;

/// <summary>
/// Opens the outbox's LiteDB file: encrypted with the outbox key when one is set, moved aside when damaged, and
/// encrypted in place when a key is set for a file written without one.
/// </summary>
internal static class OutboxFile
{
    /// <summary>LiteDB writes whole pages; a length that is not a multiple was cut short (a crash mid-copy, a full disk).</summary>
    private const int PageSize = 8192;

    /// <summary>An encrypted LiteDB file starts with 1, a plain one with the header page's id 0.</summary>
    private const byte EncryptedMarker = 1;

    /// <summary>
    /// Log pages after which committed pages are copied into the data file (LiteDB's default is 1000). LiteDB keeps every
    /// log page in its page cache until then, and the cache never shrinks: at 1000 it grew to 13-24 MiB in the bench's
    /// <c>agent</c> scenario (5 swipes/s), at 100 it stays at 1.3 MiB. Commits are durable in the log either way.
    /// </summary>
    internal const int CheckpointPages = 100;

    public static LiteDatabase Open(string path, string? key, TimeProvider time, ILogger logger, Func<LiteDatabase, bool> probe)
    {
        try
        {
            // Before anything opens it: LiteDB would extend a short file to whole pages and hide the damage.
            RefuseTruncated(path);
            RefuseKeyMismatch(path, key);
            if (key is not null && IsPlain(path))
            {
                Encrypt(path, key, logger);
            }

            return OpenAndProbe(path, key, probe);
        }
        catch (Exception ex) when (ex is not KeyMismatchException && IsCorruption(ex))
        {
            // A file that will not open must not keep the door from working (field notes): keep it for inspection, start afresh.
            var aside = Path.Combine(Path.GetDirectoryName(path)!, $"outbox.corrupt-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.db");
            File.Move(path, aside);
            var log = LogFileOf(path);
            if (File.Exists(log))
            {
                File.Move(log, LogFileOf(aside));
            }

            OutboxLog.CorruptMovedAside(logger, ex, path, aside);
            return OpenAndProbe(path, key, probe);
        }
    }

    /// <summary>LiteDB keeps uncheckpointed commits in <c>name-log.ext</c> beside the data file.</summary>
    public static string LogFileOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static LiteDatabase OpenAndProbe(string path, string? key, Func<LiteDatabase, bool> probe)
    {
        var db = new LiteDatabase(Connection(path, key), new BsonMapper());
        try
        {
            // A pragma kept in the file's header: set on every open, so files written before it get it too.
            if (db.CheckpointSize != CheckpointPages)
            {
                db.CheckpointSize = CheckpointPages;
            }

            probe(db);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static ConnectionString Connection(string path, string? key) =>
        new() { Filename = path, Connection = ConnectionType.Direct, Password = key };

    /// <summary>
    /// An encrypted file without a key, or with the wrong one, is not damage: moving it aside would strand its check-ins.
    /// The agent stops with a message naming the settings instead.
    /// </summary>
    private static void RefuseKeyMismatch(string path, string? key)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return;
        }

        if (key is null && !IsPlain(path))
        {
            throw new KeyMismatchException(
                $"The outbox {path} is encrypted; set Agent:Outbox:Key or Agent:Outbox:KeyFile to the key it was written with.");
        }

        if (key is not null && !IsPlain(path))
        {
            try
            {
                new LiteDatabase(Connection(path, key), new BsonMapper()).Dispose();
            }
            catch (LiteException ex) when (ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                throw new KeyMismatchException(
                    $"The outbox {path} does not open with the configured key; set Agent:Outbox:Key or Agent:Outbox:KeyFile to the key it was written with.",
                    ex);
            }
        }
    }

    private static bool IsPlain(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.Length > 0 && stream.ReadByte() != EncryptedMarker;
    }

    private static void RefuseTruncated(string path)
    {
        if (File.Exists(path) && new FileInfo(path).Length % PageSize != 0)
        {
            throw new InvalidDataException($"{path} is {new FileInfo(path).Length} bytes, not whole {PageSize}-byte pages: it was cut short");
        }
    }

    /// <summary>
    /// Copies a plain outbox into an encrypted file and renames that over it, so a crash leaves one or the other whole.
    /// (LiteDB 5.0.21's own rebuild cannot add a password to a plain file.)
    /// </summary>
    private static void Encrypt(string path, string key, ILogger logger)
    {
        var encrypting = Path.Combine(Path.GetDirectoryName(path)!, "outbox.encrypting.db");
        File.Delete(encrypting);
        File.Delete(LogFileOf(encrypting));
        var copied = 0;
        using (var plain = new LiteDatabase(Connection(path, null), new BsonMapper()))
        using (var encrypted = new LiteDatabase(Connection(encrypting, key), new BsonMapper()))
        {
            foreach (var name in plain.GetCollectionNames())
            {
                var target = encrypted.GetCollection(name);
                foreach (var document in plain.GetCollection(name).FindAll())
                {
                    target.Insert(document);
                    copied++;
                }
            }
        }

        File.Move(encrypting, path, overwrite: true);
        File.Delete(LogFileOf(path));
        OutboxLog.Encrypted(logger, path, copied);
    }

    /// <summary>
    /// A damaged file surfaces as a LiteDB error or as a failure deep in its page reader; an I/O or permission problem
    /// is not corruption, and discarding the file for it would lose data. Nor is a culture the runtime cannot build
    /// for the file's collation (see PredefinedCulturesOnly in the agent's project file): that is the runtime's setting.
    /// </summary>
    private static bool IsCorruption(Exception ex) =>
        ex is not (IOException or UnauthorizedAccessException or OutOfMemoryException or OperationCanceledException
            or System.Globalization.CultureNotFoundException);
}
