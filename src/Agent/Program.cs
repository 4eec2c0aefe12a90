using GateSync.Agent;
using GateSync.Agent.Configuration;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddAgentSettingsFile();
builder.Services.AddSystemd();
builder.Services.AddAgent(builder.Configuration);
builder.Build().Run();
