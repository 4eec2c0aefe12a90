using GateSync.Hub;

await HubApp.Build(args).RunAsync();
