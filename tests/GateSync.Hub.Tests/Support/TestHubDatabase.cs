using GateSync.Hub.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Tests.Support;

/// <summary>The hub's real LiteDB file in a test's folder, opened as the hub opens it (with its migrations and indexes).</summary>
internal static class TestHubDatabase
{
    public static HubDatabase Open(string dataDirectory) =>
        new(Options.Create(new HubOptions { DataDirectory = dataDirectory }), NullLogger<HubDatabase>.Instance);
}
