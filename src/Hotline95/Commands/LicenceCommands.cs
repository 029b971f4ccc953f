using Hotline95.Core.Calendar;
using Hotline95.Text;
using System.CommandLine;
using Hotline95.Core.Common;
using Hotline95.Core.Licensing;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Maintenance;
using Microsoft.Extensions.Options;

namespace Hotline95.Commands;

/// <summary>Policy versions, the application timeline, and the duties after the certificate.</summary>
internal static class LicenceCommands
{
    public static Command BuildPolicy(CliIo io)
    {
        var policy = new Command("policy", "Versions of the authority's conditions. / 政策版本。");
        var list = new Command("list", "List policy versions and their effective dates. / 列出政策版本。");
        list.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            foreach (var p in await scope.Get<PolicyCatalogue>().AllAsync(ct))
            {
                scope.Out.WriteLine($"{p.EffectiveFrom:yyyy-MM-dd}  {p.Id}  capital≥{p.MinRegisteredCapitalRmb:N0} seats≥{p.MinSeats} agents≥{p.MinFullTimeAgents} insurance≥{p.MinSocialInsuranceMonths}m lease≥{p.MinLeaseMonths}m calls≥{p.MinCallRecordRetentionMonths}m complaints≤{p.MaxComplaintResponseHours}h/{p.MaxComplaintResolutionWorkingDays}wd");
            }

            return ExitCodes.Ok;
        }));

        var file = new Argument<string>("FILE") { Description = "The new policy version as JSON (same shape as 'policy show')" };
        var publish = new Command("publish", "Publish a policy version and list the dossiers that passed before and fail now. / 发布新政策。") { file };
        publish.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (DossierCommands.ReadFile(parse.GetValue(file)!, io) is not { } text)
            {
                return ExitCodes.Usage;
            }

            var result = await scope.Get<PublishPolicyHandler>().HandleAsync(text, enterprise.Id, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var r = result.Value;
            scope.Out.WriteLine($"Published {r.Policy}, in force from {r.EffectiveFrom:yyyy-MM-dd}{(r.Previous is null ? "" : $", replacing {r.Previous}")}. Checked {r.DossiersChecked} dossier(s).");
            scope.Out.WriteLine(r.NowFailing.Count == 0 ? "No dossier that passed fails now. / 无受影响的材料。" : $"{r.NowFailing.Count} dossier(s) passed before and fail now: / 以下材料在新政策下不再符合：");
            foreach (var regression in r.NowFailing)
            {
                scope.Out.WriteLine($"  {regression.DossierId}  {regression.Title}: {string.Join(", ", regression.NewCodes)}");
            }

            return r.NowFailing.Count == 0 ? ExitCodes.Ok : ExitCodes.Negative;
        }));

        var showId = new Argument<string?>("ID") { Description = "A policy id; default the one in force today", Arity = ArgumentArity.ZeroOrOne };
        var show = new Command("show", "Print a policy version as JSON. / 显示政策。") { showId };
        show.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            var all = await scope.Get<PolicyCatalogue>().AllAsync(ct);
            var wanted = parse.GetValue(showId);
            var chosen = wanted is null ? PolicyCatalogue.InForce(all, ChinaTime.DateOf(scope.Get<TimeProvider>().GetUtcNow())).Match<EligibilityPolicy?>(p => p, _ => null) : all.FirstOrDefault(p => p.Id == wanted);
            if (chosen is null)
            {
                return CliServices.Fail(io, Error.NotFound("POLICY_NOT_FOUND", ("id", wanted)));
            }

            scope.Out.WriteLine(chosen.ToJson());
            return ExitCodes.Ok;
        }));

        policy.Subcommands.Add(list);
        policy.Subcommands.Add(show);
        policy.Subcommands.Add(publish);
        return policy;
    }

    public static Command BuildApplication(CliIo io)
    {
        var application = new Command("application", "The application's six steps and their deadlines. / 申请进度。");

        var dossierId = new Argument<string>("DOSSIER") { Description = "The dossier applied with" };
        var target = new Option<string?>("--target") { Description = "Target go-live date (yyyy-MM-dd), for the backward plan" };
        var start = new Command("start", "Start tracking an application. / 开始申请。") { dossierId, target };
        start.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!DossierCommands.TryGuid(parse.GetValue(dossierId), "DOSSIER", io, out var id) || !CallsCommands.TryDate(parse.GetValue(target), "--target", out var goLive, io))
            {
                return ExitCodes.Usage;
            }

            return Print(scope, await scope.Get<ApplicationsHandler>().StartAsync(enterprise.Id, id!.Value, goLive, scope.Actor, ct));
        }));

        var showId = new Argument<string>("ID") { Description = "An application" };
        var show = new Command("show", "Show the timeline: steps, due dates, flags. / 查看进度。") { showId };
        show.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
            DossierCommands.TryGuid(parse.GetValue(showId), "ID", io, out var id)
                ? Print(scope, await scope.Get<ApplicationsHandler>().GetAsync(enterprise.Id, id!.Value, ct))
                : ExitCodes.Usage));

        var stepId = new Argument<string>("ID") { Description = "An application" };
        var stepName = new Argument<string>("STEP") { Description = string.Join(" | ", ApplicationsHandler.StepKeys) };
        var on = new Option<string?>("--on") { Description = "When it happened (yyyy-MM-dd); default today" };
        var certificate = new Option<string?>("--certificate") { Description = "The certificate number (with certificate-issued)" };
        var step = new Command("step", "Record a completed step. / 登记完成的步骤。") { stepId, stepName, on, certificate };
        step.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!DossierCommands.TryGuid(parse.GetValue(stepId), "ID", io, out var id) || !CallsCommands.TryDate(parse.GetValue(on), "--on", out var day, io))
            {
                return ExitCodes.Usage;
            }

            return Print(scope, await scope.Get<ApplicationsHandler>().RecordStepAsync(
                new RecordStepRequest(enterprise.Id, id!.Value, parse.GetValue(stepName), day, parse.GetValue(certificate), scope.Actor), ct));
        }));

        var noticeApp = new Argument<string>("ID") { Description = "An application" };
        var codes = new Option<string?>("--codes") { Description = "The notice's items as finding codes, comma-separated (e.g. COND3_PHOTOS,COND4_TRAINING)" };
        var text = new Option<string?>("--text") { Description = "The notice's wording" };
        var received = new Option<string?>("--received") { Description = "When it was received (yyyy-MM-dd); default today" };
        var correction = new Command("correction", "Record a correction notice (补正通知书). / 登记补正通知。") { noticeApp, codes, text, received };
        correction.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!DossierCommands.TryGuid(parse.GetValue(noticeApp), "ID", io, out var id) || !CallsCommands.TryDate(parse.GetValue(received), "--received", out var day, io))
            {
                return ExitCodes.Usage;
            }

            var items = (parse.GetValue(codes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Print(scope, await scope.Get<ApplicationsHandler>().AddCorrectionNoticeAsync(
                new CorrectionNoticeRequest(enterprise.Id, id!.Value, day, items, parse.GetValue(text), scope.Actor), ct));
        }));

        var correctedApp = new Argument<string>("ID") { Description = "An application" };
        var noticeId = new Argument<string>("NOTICE") { Description = "The correction notice" };
        var correctedOn = new Option<string?>("--on") { Description = "When the correction was handed in (yyyy-MM-dd); default today" };
        var corrected = new Command("corrected", "Record that a correction was handed in. / 登记已补正。") { correctedApp, noticeId, correctedOn };
        corrected.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!DossierCommands.TryGuid(parse.GetValue(correctedApp), "ID", io, out var id) || !DossierCommands.TryGuid(parse.GetValue(noticeId), "NOTICE", io, out var notice)
                || !CallsCommands.TryDate(parse.GetValue(correctedOn), "--on", out var day, io))
            {
                return ExitCodes.Usage;
            }

            return Print(scope, await scope.Get<ApplicationsHandler>().MarkCorrectedAsync(enterprise.Id, id!.Value, notice!.Value, day, scope.Actor, ct));
        }));

        var planTarget = new Option<string>("--target") { Description = "Target go-live date (yyyy-MM-dd)", Required = true };
        var plan = new Command("plan", "Plan backwards from a go-live date: the latest start of each step. / 倒排计划。") { planTarget };
        plan.SetAction((parse, ct) => CliServices.RunAsync(parse, io, ct, async scope =>
        {
            if (!CallsCommands.TryDate(parse.GetValue(planTarget), "--target", out var goLive, io) || goLive is null)
            {
                return ExitCodes.Usage;
            }

            var today = ChinaTime.DateOf(scope.Get<TimeProvider>().GetUtcNow());
            var policy = await scope.Get<PolicyCatalogue>().InForceAsync(today, ct);
            if (!policy.IsSuccess)
            {
                return CliServices.Fail(io, policy.Error);
            }

            if (scope.Get<WorkdayCalendar>().OutOfRange("--target", goLive.Value) is { } outOfRange)
            {
                return CliServices.Fail(io, outOfRange);
            }

            ApplicationPlan result;
            try
            {
                result = scope.Get<ApplicationTimeline>().Plan(goLive.Value, policy.Value, scope.Get<IOptions<LicensingOptions>>().Value, today);
            }
            catch (CalendarYearOutOfRangeException ex)
            {
                return CliServices.Fail(io, ex.ToError("--target"));
            }

            WritePlan(scope.Out, result);
            return result.Feasible ? ExitCodes.Ok : ExitCodes.Negative;
        }));

        application.Subcommands.Add(start);
        application.Subcommands.Add(show);
        application.Subcommands.Add(step);
        application.Subcommands.Add(correction);
        application.Subcommands.Add(corrected);
        application.Subcommands.Add(plan);
        return application;
    }

    public static Command BuildLicence(CliIo io)
    {
        var licence = new Command("licence", "Duties after the certificate: filing, annual report, change filing. / 证后维护。");
        var all = new Option<bool>("--all") { Description = "Include done tasks" };
        var tasks = new Command("tasks", "List the licence duties and their due dates. / 维护任务。") { all };
        tasks.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            foreach (var t in await scope.Get<LicenceTasks>().ListAsync(enterprise.Id, parse.GetValue(all), ct))
            {
                scope.Out.WriteLine($"{t.Id}  {t.DueOn:yyyy-MM-dd}{(t.DueEstimated ? "~" : " ")}  {t.Status,-4}  {t.Kind,-17}  {ServerText.Both(t.Title)}{(t.Detail is null ? "" : $" ({ServerText.Both(t.Detail)})")}");
                if (t.DueRule is { } rule && t.DoneOn is null)
                {
                    scope.Out.WriteLine($"       {CalendarText.Both(en => CalendarText.Rule(rule, en))}");
                }
            }

            return ExitCodes.Ok;
        }));

        var taskId = new Argument<string>("TASK") { Description = "A task" };
        var on = new Option<string?>("--on") { Description = "When it was done (yyyy-MM-dd); default today" };
        var done = new Command("done", "Mark a duty done (an annual report opens the next one). / 完成任务。") { taskId, on };
        done.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!DossierCommands.TryGuid(parse.GetValue(taskId), "TASK", io, out var id) || !CallsCommands.TryDate(parse.GetValue(on), "--on", out var day, io))
            {
                return ExitCodes.Usage;
            }

            var result = await scope.Get<LicenceTasks>().CompleteAsync(enterprise.Id, id!.Value, day, scope.Actor, ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Done: {ServerText.Both(result.Value.Title)} ({result.Value.DoneOn:yyyy-MM-dd}).");
            return ExitCodes.Ok;
        }));

        var token = new Command("calendar-token", "Issue the secret for the iCalendar feed (replaces the previous one). / 生成日历订阅令牌。");
        token.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var secret = await scope.Get<LicenceCalendarFeed>().IssueTokenAsync(enterprise.Id, scope.Actor, ct);
            scope.Out.WriteLine($"Subscribe to: /api/licence/calendar.ics?token={secret}");
            scope.Out.WriteLine("The token is shown once; issuing a new one revokes it. / 令牌仅显示一次。");
            return ExitCodes.Ok;
        }));

        licence.Subcommands.Add(tasks);
        licence.Subcommands.Add(done);
        licence.Subcommands.Add(token);
        return licence;
    }

    private static int Print(CommandScope scope, Result<ApplicationView> result)
    {
        if (!result.IsSuccess)
        {
            return CliServices.Fail(scope.Io, result.Error);
        }

        var a = result.Value;
        scope.Out.WriteLine($"Application {a.Id} — {a.Dossier} (policy {a.Policy}, today {a.Today:yyyy-MM-dd})");
        foreach (var s in a.Steps)
        {
            scope.Out.WriteLine($"  {s.Step}. {s.TitleZh} {s.TitleEn} [{s.Who}]  {s.Status,-11} {(s.DueOn is { } due ? $"due {due:yyyy-MM-dd}{(s.DueEstimated ? "~" : "")}" : ""),-15} {(s.DoneOn is { } d ? $"done {d:yyyy-MM-dd}" : "")} {(s.Flag is "late" or "at-risk" ? s.Flag.ToUpperInvariant() : "")}");
            if (s.Note is not null)
            {
                scope.Out.WriteLine($"       {ServerText.Both(s.Note)}");
            }

            if (s.DueRule is { } rule && s.DoneOn is null)
            {
                scope.Out.WriteLine($"       {CalendarText.Both(en => CalendarText.Rule(rule, en))}");
            }
        }

        foreach (var c in a.Corrections)
        {
            scope.Out.WriteLine($"  correction {c.Id}: received {c.ReceivedOn:yyyy-MM-dd}, correct by {c.CorrectBy:yyyy-MM-dd}{(c.CorrectByEstimated ? "~" : "")}{(c.CorrectedOn is { } x ? $", corrected {x:yyyy-MM-dd}" : "")}: {string.Join(",", c.Codes)} {c.Text}");
            scope.Out.WriteLine($"       {CalendarText.Both(en => CalendarText.Rule(c.CorrectByRule, en))}");
        }

        foreach (var w in a.Warnings)
        {
            scope.Out.WriteLine($"  warning {w.Code} ({w.What}): {ServerText.Both(w.Reason)}");
        }

        if (a.Steps.Any(s => s.DueEstimated) || a.Corrections.Any(c => c.CorrectByEstimated))
        {
            scope.Out.WriteLine("  ~ estimated: a year without a State Council holiday notice is counted from the statutory holidays alone. / ~ 估算：尚无国务院节假日安排的年份仅按法定节假日计算。");
        }

        if (a.Plan is not null)
        {
            WritePlan(scope.Out, a.Plan);
        }

        return ExitCodes.Ok;
    }

    private static void WritePlan(TextWriter output, ApplicationPlan plan)
    {
        output.WriteLine($"Plan for go-live {plan.TargetGoLive:yyyy-MM-dd} (advised start {plan.AdvisedStart:yyyy-MM-dd}): / 倒排计划：");
        foreach (var m in plan.Milestones)
        {
            output.WriteLine($"  latest {m.LatestOn:yyyy-MM-dd}{(m.Estimated ? "~" : " ")}  {m.TitleZh} / {m.TitleEn}");
        }

        foreach (var warning in plan.Warnings)
        {
            output.WriteLine($"  ! {ServerText.Both(warning)}");
        }
    }
}
