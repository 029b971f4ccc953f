using Hotline95.Commands;

// Every entry point (web server and shell commands) is a subcommand; see Commands/.
return await Hotline95Cli.RunAsync(args);
