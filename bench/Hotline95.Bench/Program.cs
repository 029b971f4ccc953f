using System.Globalization;
using Hotline95.Bench;

// dotnet run -c Release --project bench/Hotline95.Bench -- <calendar|import|import-pg|queues|find|purge|cti|report> [N]
// Each benchmark prints its figure and the baseline or target it is compared with, in the same run.
var which = args.FirstOrDefault() ?? "calendar";
long? n = args.Length > 1 && long.TryParse(args[1], CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
return which switch
{
    "calendar" => CalendarBench.Run(),
    "import" => await ImportBench.RunAsync(n ?? 1_000_000, args.Length > 2 ? [int.Parse(args[2], CultureInfo.InvariantCulture)] : null),
    "import-one" => await ImportBench.ImportOneAsync(args[1], args.Length > 2 ? args[2] : null),
    "import-pg" => await PostgresImportBench.RunAsync(n ?? 1_000_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 150),
    "queues" => await QueueBench.RunAsync(n ?? 1_000_000),
    "find" => await FindBench.RunAsync(n ?? 10_000_000),
    "purge" => await PurgeBench.RunAsync(n ?? 3_000_000),
    "cti" => await CtiBench.RunAsync((int)(n ?? 30)),
    "cti-cold" => await ColdCtiBench.RunAsync(args.Length > 1 ? args[1] : null),
    "report" => await ReportBench.RunAsync(n ?? 36_500_000),
    "profile" => await ProfileBench.RunAsync(args[1]),
    "failover-load" => await FailoverLoad.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Hotline95.Bench calendar | import [ROWS [DAYS]] | import-pg [ROWS [DAYS]] | queues [LINES] | find [ROWS] | purge [ROWS] | cti [SECONDS] | cti-cold [URL] | report [CALLS]");
    return 2;
}
