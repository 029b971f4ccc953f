using Hotline95.Bench;

// dotnet run -c Release --project bench/Hotline95.Bench -- [calendar]
var which = args.FirstOrDefault() ?? "calendar";
return which switch
{
    "calendar" => CalendarBench.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Hotline95.Bench calendar");
    return 2;
}
