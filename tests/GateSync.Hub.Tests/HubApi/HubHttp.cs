using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GateSync.Hub.Tests.Support;

namespace GateSync.Hub.Tests.HubApi;

/// <summary>HTTP calls to a <see cref="RunningHub"/> as a machine client makes them: bearer token, JSON or CSV.</summary>
internal static class HubHttp
{
    public static async Task<HttpResponseMessage> CallAsync(
        this RunningHub hub, HttpMethod method, string path, string? token = RunningHub.AdminToken, HttpContent? content = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await hub.Http.SendAsync(request);
    }

    public static async Task<HttpStatusCode> StatusAsync(this RunningHub hub, string path, string? token, HttpMethod? method = null)
    {
        using var response = await hub.CallAsync(method ?? HttpMethod.Get, path, token);
        return response.StatusCode;
    }

    /// <summary>GET that must answer 200; the JSON body.</summary>
    public static async Task<JsonElement> GetJsonAsync(this RunningHub hub, string path, string? token = RunningHub.AdminToken)
    {
        using var response = await hub.CallAsync(HttpMethod.Get, path, token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> GetTextAsync(this RunningHub hub, string path, string? token = RunningHub.AdminToken, string? accept = null)
    {
        using var response = await hub.CallAsync(HttpMethod.Get, path, token, accept: accept);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>POSTs a CSV body (UTF-8, optionally with a BOM) and returns the status and JSON answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostCsvAsync(
        this RunningHub hub, string path, string csv, bool bom = false, string? token = RunningHub.AdminToken)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        using var content = new ByteArrayContent(bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using var response = await hub.CallAsync(HttpMethod.Post, path, token, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Imports and asserts the whole file was accepted (rejected rows are still allowed).</summary>
    public static async Task<JsonElement> ImportAsync(this RunningHub hub, string kind, string csv)
    {
        var (status, body) = await hub.PostCsvAsync($"/api/import/{kind}", csv);
        Assert.True(status == HttpStatusCode.OK, $"import {kind}: {(int)status} {body}");
        return body;
    }

    /// <summary>Creates a user through the API and returns its bearer token.</summary>
    public static async Task<string> CreateUserAsync(this RunningHub hub, string name, string role, string? station = null, string? community = null)
    {
        using var content = JsonContent.Create(new { name, role, station, community });
        using var response = await hub.CallAsync(HttpMethod.Post, "/api/users", RunningHub.AdminToken, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/users: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }
}
