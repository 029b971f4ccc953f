using System.Data.Common;
using Hotline95.Core.Calls;
using Hotline95.Core.Data;

namespace Hotline95.Core.Desk;

/// <summary>
/// Whom a ringing call is for: the users whose PBX name or extension the CTI event names in <c>user</c> (one or several,
/// "user 1, user 2") or <c>answeringNumber</c>. An event that names nobody the enterprise knows rings every desk of the
/// enterprise: a call no desk shows would be a call nobody sees.
/// </summary>
public sealed class DeskTargets(IReadOnlyList<DeskTargets.Person> people)
{
    public sealed record Person(Guid UserId, string? PbxName, string? Extension);

    /// <summary>The enabled users of the enterprise with a PBX identity (read once per CTI batch).</summary>
    public const string Sql = """
        SELECT "Id", "PbxName", "Extension" FROM users
        WHERE "EnterpriseId" = @p0 AND "DisabledAt" IS NULL AND ("PbxName" IS NOT NULL OR "Extension" IS NOT NULL)
        """;

    public static Person Read(DbDataReader r, DatabaseProvider provider) => new(
        provider == DatabaseProvider.Postgres ? r.GetGuid(0) : new Guid(r.GetFieldValue<byte[]>(0)),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2));

    /// <summary>The users named, or null (every desk of the enterprise) when the event names none of them.</summary>
    public IReadOnlyCollection<Guid>? RecipientsOf(CtiEvent e)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (e.User ?? "").Split(',').Append(e.AnsweringNumber ?? ""))
        {
            if (name.Trim() is { Length: > 0 } trimmed)
            {
                names.Add(trimmed);
            }
        }

        var named = people.Where(p => (p.PbxName is { } n && names.Contains(n)) || (p.Extension is { } x && names.Contains(x)))
            .Select(p => p.UserId).Distinct().ToList();
        return named.Count == 0 ? null : named;
    }
}

/// <summary>A desk event the CTI writer stores with its call, in the same transaction.</summary>
internal sealed record PendingDeskEvent(CallRecord Call, DeskEventKind Kind, string? Caller, string? Agent, string? Recipients, DateTimeOffset At)
{
    /// <summary>The call's stored id is taken from the calls table (a call created in this batch has none yet in memory).</summary>
    public const string InsertSql = $"""
        INSERT INTO desk_events ("EnterpriseId", "Kind", "CallId", "CtiCallId", "Line", "Direction", "Caller", "Queue", "Agent", "Recipients", "At")
        SELECT @p0, @p1, "Id", @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9 FROM calls
        WHERE "EnterpriseId" = @p0 AND "StartedAt" = @p10 AND "SourceSystem" = '{ProcessCtiEventHandler.SourceSystem}' AND "SourceId" = @p2
        """;

    public const int Parameters = 11;

    public object?[] Values(DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        return
        [
            DbValues.Guid(Call.EnterpriseId, postgres), Kind.ToString(), Call.SourceId, Call.Line, Call.Direction.ToString(), DbValues.Text(Caller), DbValues.Text(Call.Queue),
            DbValues.Text(Agent), DbValues.Text(Recipients), DbValues.Instant(At, postgres), DbValues.Instant(Call.StartedAt, postgres),
        ];
    }
}
