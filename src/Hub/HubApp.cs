using GateSync.Hub.Api;

namespace GateSync.Hub;

/// <summary>
/// Builds the hub, for <c>Program</c> and for tests that run it in-process.
/// Arguments are the usual configuration switches, e.g. <c>--Hub:DataDirectory /var/lib/gatesync --urls http://0.0.0.0:5080</c>.
/// </summary>
public static class HubApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits beside gatesync-hub.dll, wherever the hub is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Services.AddSystemd();
        builder.Services.AddHubOptions(builder.Configuration);
        builder.Services.AddHubStorage();
        builder.Services.AddHubBroker();
        builder.Services.AddHubIngest();
        builder.Services.AddHubDelivery();
        builder.Services.AddHubApi();
        builder.Services.AddHubReconciliation(builder.Configuration);
        builder.Services.AddHubSessions(builder.Configuration);
        builder.Services.AddHubDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHubApi();
        app.MapHubAgents();
        app.MapHubReconciliation();
        app.MapHubSessions();
        app.MapHubDashboard();
        return app;
    }
}
