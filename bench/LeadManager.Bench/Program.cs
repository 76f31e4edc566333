namespace LeadManager.Bench;

// dotnet run -c Release --project bench/LeadManager.Bench -- data     (queries and lifecycle writes)
// dotnet run -c Release --project bench/LeadManager.Bench -- intake   (submissions through the API and the form)
// dotnet run -c Release --project bench/LeadManager.Bench -- email    (submission to confirmation accepted by SMTP)
// dotnet run -c Release --project bench/LeadManager.Bench -- board    (the reception board with 300 open and 50,000 closed requests, in Chromium)
// dotnet run -c Release --project bench/LeadManager.Bench -- steps    (10,000 follow-up steps due at once among 100,000 requests, and the idle sweep)
internal static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        var which = args.FirstOrDefault() ?? "data";
        if (which == "intake")
        {
            await IntakeBench.RunAsync(args[1..]);
        }
        else if (which == "board")
        {
            await BoardBench.RunAsync(args[1..]);
        }
        else if (which == "email")
        {
            await EmailBench.RunAsync(args[1..]);
        }
        else if (which == "steps")
        {
            await StepsBench.RunAsync(args[1..]);
        }
        else
        {
            await DataBench.RunAsync(which == "data" ? args[1..] : args);
        }
    }
}
