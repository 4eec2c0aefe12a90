using GateSync.Agent.Cli;

// No command (or `run`) runs the service; the landlord's setup commands are listed by --help.
return await AgentCommandLine.InvokeAsync(args);
