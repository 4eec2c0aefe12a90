using System.Collections;
using System.Reflection;
using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>
/// Builds a <see cref="BsonMapper"/>'s entity maps for a document type and every GateSync type inside it, before
/// any other thread can use them.
/// </summary>
/// <remarks>
/// LiteDB 5.0.21 registers an entity map before it fills in the members (litedb-org/LiteDB#2536, fixed after the
/// last 5.x release), so a thread that first meets a nested type while another thread is building it reads a
/// document with that type's fields at their defaults. The hub met it at start: an agent's received ranges read
/// back as [0, 0] while the delivery worker read the same document, and the ledger lost seq 1.
/// </remarks>
internal static class BsonMapperPreparation
{
    private static readonly MethodInfo EntityOfT = typeof(BsonMapper).GetMethod(nameof(BsonMapper.Entity), Type.EmptyTypes)
        ?? throw new MissingMethodException(nameof(BsonMapper), nameof(BsonMapper.Entity));

    public static void Prepare(BsonMapper mapper, Type documentType)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(documentType);
        Visit(mapper, documentType, []);
    }

    private static void Visit(BsonMapper mapper, Type type, HashSet<Type> seen)
    {
        type = ElementTypeOf(type);
        if (!IsOurs(type) || !seen.Add(type))
        {
            return;
        }

        // Entity<T>() builds the map; nothing else on BsonMapper builds one without an instance.
        EntityOfT.MakeGenericMethod(type).Invoke(mapper, null);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Visit(mapper, property.PropertyType, seen);
        }
    }

    private static Type ElementTypeOf(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying;
        }

        if (type.IsArray)
        {
            return ElementTypeOf(type.GetElementType()!);
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            // A list's items, or a dictionary's values (LiteDB keys dictionaries by text).
            return ElementTypeOf(type.GetGenericArguments()[^1]);
        }

        return type;
    }

    // Framework types (dates, Guid, BsonValue) have serializers of their own; only our documents need maps.
    private static bool IsOurs(Type type) =>
        !type.IsEnum && !type.IsPrimitive && type.Namespace?.StartsWith("GateSync", StringComparison.Ordinal) == true;
}
