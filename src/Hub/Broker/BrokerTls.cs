using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace GateSync.Hub.Broker;

/// <summary>TLS to an external broker, shared by the hub's two clients there (ingest and delivery).</summary>
public static class BrokerTls
{
    /// <summary>
    /// TLS when <paramref name="useTls"/>: the broker's certificate must name <paramref name="host"/> and chain to a CA the
    /// system trusts or, when <paramref name="caFile"/> is given, to that CA alone (MQTTnet's custom root trust).
    /// </summary>
    public static MqttClientOptionsBuilder WithBrokerTls(this MqttClientOptionsBuilder builder, bool useTls, string host, string? caFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!useTls)
        {
            return builder;
        }

        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithTargetHost(host);
            if (!string.IsNullOrEmpty(caFile))
            {
                tls.WithTrustChain(ReadCa(caFile));
            }
        });
    }

    /// <summary>What is wrong with the TLS settings, naming the setting; <c>null</c> when nothing is.</summary>
    public static string? ProblemWith(ExternalBrokerOptions external)
    {
        ArgumentNullException.ThrowIfNull(external);
        if (string.IsNullOrEmpty(external.CaFile))
        {
            return null;
        }

        if (!external.UseTls)
        {
            return "Hub:Mqtt:External:CaFile needs Hub:Mqtt:External:UseTls true: a CA only checks a TLS connection.";
        }

        if (!File.Exists(external.CaFile))
        {
            return $"Hub:Mqtt:External:CaFile must name a PEM file of the broker's CA (was '{external.CaFile}', which does not exist).";
        }

        try
        {
            return ReadCa(external.CaFile).Count == 0
                ? $"Hub:Mqtt:External:CaFile must hold a PEM certificate (-----BEGIN CERTIFICATE-----); '{external.CaFile}' holds none."
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"Hub:Mqtt:External:CaFile could not be read as PEM certificates ('{external.CaFile}': {ex.Message}).";
        }
    }

    private static X509Certificate2Collection ReadCa(string caFile)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(caFile);
        return chain;
    }
}
