using System.CommandLine;
using System.Globalization;
using System.Text;
using Hotline95.Core.Calls;
using Hotline95.Core.Calls.Import;
using Hotline95.Core.Common;

namespace Hotline95.Commands;

internal static class CallsCommands
{
    public static Command Build(CliIo io)
    {
        var calls = new Command("calls", "The call-record store: import, search, recordings. / 通话记录。");
        calls.Subcommands.Add(Import(io));
        calls.Subcommands.Add(Find(io));
        calls.Subcommands.Add(Attach(io));
        calls.Subcommands.Add(Reveal(io));
        return calls;
    }

    private static Command Import(CliIo io)
    {
        var format = new Option<string>("--format") { Description = $"One of: {string.Join(", ", CdrFormats.ByName.Keys)}", Required = true };
        format.AcceptOnlyFromAmong([.. CdrFormats.ByName.Keys]);
        var encoding = new Option<string>("--encoding") { Description = "utf-8 or gb18030", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "gb18030");
        var tz = new Option<string>("--tz") { Description = "Time zone of the PBX's timestamps (use UTC for Asterisk usegmtime=yes)", DefaultValueFactory = _ => "Asia/Shanghai" };
        var line = new Option<string?>("--line") { Description = "Put every record on this 95 line (default: the line each call was dialled on or sent from)" };
        var asteriskColumns = new Option<string?>("--asterisk-columns")
        {
            Description = "Asterisk cdr.conf [csv] options in force, comma-separated: uniqueid, userfield, newcdrcolumns (needed for 17- and 20-column files)",
        };
        var files = new Argument<string[]>("FILE") { Description = "CDR files", Arity = ArgumentArity.OneOrMore };
        var follow = FollowOptions.Create();
        var command = new Command("import", "Import CDR files; re-importing adds nothing; bad rows go to FILE.rejected (exit 3). / 导入话单。")
        {
            format, encoding, tz, line, asteriskColumns, follow.Follow, follow.Poll, follow.StopWhenIdle, files,
        };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            TimeZoneInfo zone;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(parse.GetValue(tz)!);
            }
            catch (TimeZoneNotFoundException)
            {
                return CliServices.Fail(io, Error.Validation("--tz", "TZ_UNKNOWN", ("value", parse.GetValue(tz))));
            }

            var columns = ParseAsteriskColumns(parse.GetValue(asteriskColumns));
            if (!columns.IsSuccess)
            {
                return CliServices.Fail(io, columns.Error);
            }

            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var request = new ImportCallsRequest(enterprise.Id, CdrFormats.ByName[parse.GetValue(format)!], parse.GetValue(files)!,
                parse.GetValue(encoding) == "gb18030" ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(false),
                zone, parse.GetValue(line), columns.Value, scope.Actor);
            if (parse.GetValue(follow.Follow))
            {
                var cdrFormat = CdrFormats.ByName[parse.GetValue(format)!];
                return await FollowCommand.RunAsync(io, scope, enterprise.Id, $"calls:{parse.GetValue(format)}", parse.GetValue(files)!, follow.Settings(parse),
                    cdrFormat is CdrFormat.Asterisk or CdrFormat.FreeswitchCsv ? null
                        : Phrase.Of("follow.cdrDocuments"),
                    async (file, chunk, firstLine, ct2) =>
                    {
                        var imported = await scope.Get<ImportCallsHandler>().ImportChunkAsync(request, file, chunk, firstLine, message => io.Error.WriteLine(message), ct2);
                        return imported.IsSuccess ? (Result<FollowChunk>)new FollowChunk(imported.Value.Imported, imported.Value.Duplicates, imported.Value.Rejected) : imported.Error;
                    }, ct);
            }

            using var bar = ProgressBar.ForStderr(io);
            var result = await scope.Get<ImportCallsHandler>().HandleAsync(request, message => { bar?.Clear(); io.Error.WriteLine(message); },
                bar is null ? null : new Progress<ImportProgress>(p => bar.Show(p.BytesRead, p.BytesTotal, $"{Path.GetFileName(p.File)} {p.Rows:N0} rows")), ct);
            bar?.Clear();
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            foreach (var file in result.Value.Files)
            {
                scope.Out.WriteLine(file.Failure is not null
                    ? $"{file.File}: not imported: {file.Failure}"
                    : $"{file.File}: imported {file.Imported}, duplicates {file.Duplicates}, rejected {file.Rejected}{(file.RejectedFile is null ? "" : $" (see {file.RejectedFile})")}");
            }

            var r = result.Value;
            if (r.Files.Count > 1)
            {
                scope.Out.WriteLine($"total: imported {r.Imported}, duplicates {r.Duplicates}, rejected {r.Rejected}");
            }

            return r.AnyFailure ? ExitCodes.Usage : r.Rejected > 0 ? ExitCodes.Partial : ExitCodes.Ok;
        }));
        return command;
    }

    private static Result<AsteriskColumns?> ParseAsteriskColumns(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (AsteriskColumns?)null;
        }

        var columns = AsteriskColumns.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            columns |= part.ToLowerInvariant() switch
            {
                "uniqueid" or "loguniqueid" => AsteriskColumns.UniqueId,
                "userfield" or "loguserfield" => AsteriskColumns.UserField,
                "newcdrcolumns" => AsteriskColumns.NewCdrColumns,
                "none" => AsteriskColumns.None,
                _ => (AsteriskColumns)(-1),
            };
            if (columns < 0)
            {
                return Error.Validation("--asterisk-columns", "ASTERISK_COLUMNS", ("value", part));
            }
        }

        return columns;
    }

    private static Command Find(CliIo io)
    {
        var phone = new Option<string?>("--phone") { Description = "The caller's number, written any usual way (+86 138-0013-8000)" };
        var line = new Option<string?>("--line") { Description = "Only this 95 line" };
        var from = new Option<string?>("--from") { Description = "From this date (yyyy-MM-dd, Asia/Shanghai)" };
        var to = new Option<string?>("--to") { Description = "Up to and including this date" };
        var outcome = new Option<string>("--outcome") { Description = "all, answered or missed", DefaultValueFactory = _ => "all" };
        outcome.AcceptOnlyFromAmong("all", "answered", "missed");
        var limit = new Option<int>("--limit") { Description = $"At most this many a page, newest first (1–{PageRequest.MaxSize})", DefaultValueFactory = _ => 50 };
        var page = new Option<int>("--page") { Description = "Which page of --limit calls (1 = the newest)", DefaultValueFactory = _ => 1 };
        var command = new Command("find", "Find calls (masked); search by number uses the blind index. / 查询通话。") { phone, line, from, to, outcome, limit, page };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            if (!TryDate(parse.GetValue(from), "--from", out var fromDate, io) || !TryDate(parse.GetValue(to), "--to", out var toDate, io))
            {
                return ExitCodes.Usage;
            }

            var result = await scope.Get<FindCallsHandler>().HandleAsync(new FindCallsRequest(enterprise.Id, parse.GetValue(phone), parse.GetValue(line),
                fromDate, toDate, Enum.Parse<CallOutcomeFilter>(parse.GetValue(outcome)!, ignoreCase: true), new PageRequest(parse.GetValue(page), parse.GetValue(limit))), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            var found = result.Value;
            if (found.Total == 0)
            {
                scope.Out.WriteLine("No calls found. / 未找到通话记录。");
            }

            foreach (var c in found.Items)
            {
                scope.Out.WriteLine(string.Join("  ",
                    c.Id.ToString(CultureInfo.InvariantCulture).PadLeft(8), ChinaTime.ToChina(c.StartedAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    c.Line, c.Direction.PadRight(3), c.Customer.PadRight(13), c.CustomerName.PadRight(4), c.Disposition.PadRight(10),
                    $"talk {c.TalkSeconds}s", c.Missed ? "MISSED" : "", c.HasRecording ? "♪" : "").TrimEnd());
            }

            // Only when the page is not the whole answer: a single page prints nothing but the calls.
            if (found.Items.Count < found.Total)
            {
                var first = (found.Page - 1) * found.PageSize + 1;
                var last = first + found.Items.Count - 1;
                var total = $"{found.Total.ToString("N0", CultureInfo.InvariantCulture)}{(found.TotalCapped ? "+" : "")}";
                scope.Out.WriteLine(found.Items.Count == 0
                    ? $"Page {found.Page} is past the end: {total} calls in all. / 超出末页：共 {total} 条。"
                    : $"Calls {first}–{last} of {total}{(last < found.Total ? $"; --page {found.Page + 1} for more" : "")}. / 第 {first}–{last} 条，共 {total} 条。");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Attach(CliIo io)
    {
        var callId = new Argument<long>("CALLID") { Description = "The call's id (from 'calls find')" };
        var file = new Argument<string>("FILE") { Description = "The audio file (wav, mp3…); stored encrypted" };
        var command = new Command("attach", "Attach a recording to a call, encrypted. / 为通话附加录音。") { callId, file };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return CliServices.Fail(io, Error.Validation("FILE", "FILE_NOT_FOUND", ("files", path)));
            }

            await using var content = File.OpenRead(path);
            var result = await scope.Get<RecordingsHandler>().AttachAsync(
                new AttachRecordingRequest(enterprise.Id, parse.GetValue(callId), content, Path.GetFileName(path), null, scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine($"Attached {result.Value.FileName} ({result.Value.Length:N0} bytes, encrypted) to call {result.Value.CallId}. / 录音已加密保存。");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Reveal(CliIo io)
    {
        var callId = new Argument<long>("CALLID") { Description = "The call's id" };
        var reason = new Option<string>("--reason") { Description = "Why the number must be seen in clear (audited)", Required = true };
        var command = new Command("reveal", "Show a call's number and name in clear, with a reason; audited. / 查看明文（记录审计）。") { callId, reason };
        command.SetAction((parse, ct) => CliServices.RunForEnterpriseAsync(parse, io, ct, async (scope, enterprise) =>
        {
            var result = await scope.Get<RevealCallHandler>().HandleAsync(new RevealCallRequest(enterprise.Id, parse.GetValue(callId), parse.GetValue(reason), scope.Actor), ct);
            if (!result.IsSuccess)
            {
                return CliServices.Fail(io, result.Error);
            }

            scope.Out.WriteLine(result.Value.Destroyed
                ? $"call {result.Value.CallId}: {CallReader.Shredded}"
                : $"call {result.Value.CallId}: {result.Value.CustomerNumber} {result.Value.CustomerName}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static bool TryDate(string? text, string option, out DateOnly? date, CliIo io)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        io.Error.WriteLine($"hotline95: {option}: '{text}' is not a date; write it as yyyy-MM-dd.");
        return false;
    }
}
