using GateSync.Bench;

// bench/run.sh builds Release and runs this; see bench/README.md.
return await BenchRun.MainAsync(args);
