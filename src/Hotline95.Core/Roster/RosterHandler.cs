using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Roster;

public sealed record TrainingView(Guid Id, string Topic, DateOnly HeldOn, string? FileName, long? FileBytes);

public sealed record AgentView(Guid Id, string Name, Guid? UserId, string? UserName, string Employment, string? SocialInsuranceCity, int SocialInsuranceMonths, IReadOnlyList<TrainingView> Training);

public sealed record SeatView(Guid Id, string Code, string Location, string Equipment, Guid? AgentUserId);

public sealed record RosterView(IReadOnlyList<SeatView> Seats, IReadOnlyList<AgentView> Agents);

public sealed record SaveAgentRequest(Guid EnterpriseId, Guid? Id, string? Name, string? UserName, string? Employment, string? SocialInsuranceCity, int? SocialInsuranceMonths, string Actor);

public sealed record AddTrainingRequest(Guid EnterpriseId, Guid AgentId, string? Topic, DateOnly? HeldOn, string? FileName, string? ContentType, byte[]? Content, string Actor);

public sealed record SaveSeatRequest(Guid EnterpriseId, string? Code, string? Location, string? Equipment, string? AgentUserName, string Actor);

/// <summary>
/// The enterprise's roster (坐席与人员): seats with their location and equipment, agents linked to their user
/// accounts with employment and social insurance, and training records with their files. The licence check
/// reads it for an enterprise whose hotline runs here.
/// </summary>
public sealed class RosterHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxTrainingFileBytes = 10 * 1024 * 1024;

    public async Task<RosterView> GetAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var seats = await db.Seats.AsNoTracking().Where(s => s.EnterpriseId == enterpriseId).OrderBy(s => s.Code)
            .Select(s => new SeatView(s.Id, s.Code, s.Location, s.Equipment, s.AgentUserId)).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId).OrderBy(a => a.Name).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var trainings = (await db.Trainings.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId)
            .Select(t => new { t.AgentId, View = new TrainingView(t.Id, t.Topic, t.HeldOn, t.FileName, t.Content == null ? null : t.Content.Length) })
            .ToListAsync(ct)).ToLookup(t => t.AgentId, t => t.View);
        return new RosterView(seats, agents.Select(a => new AgentView(a.Id, a.Name, a.UserId, a.UserId is { } u ? users.GetValueOrDefault(u) : null,
            a.Employment.ToString(), a.SocialInsuranceCity, a.SocialInsuranceMonths, trainings[a.Id].OrderBy(t => t.HeldOn).ToList())).ToList());
    }

    public async Task<Result<AgentView>> SaveAgentAsync(SaveAgentRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            return Error.Validation("name", "NAME_REQUIRED");
        }

        var employment = EmploymentType.FullTime;
        if (request.Employment is { Length: > 0 } e && !EnumNames.TryParse(e, out employment))
        {
            return Error.Validation("employment", "EMPLOYMENT_UNKNOWN", ("value", e), ("allowed", Enum.GetNames<EmploymentType>()));
        }

        if (request.SocialInsuranceCity?.Trim().Length > 50)
        {
            return Error.Validation("socialInsuranceCity", "CITY_TOO_LONG");
        }

        if (request.SocialInsuranceMonths is < 0 or > 600)
        {
            return Error.Validation("socialInsuranceMonths", "MONTHS_OUT_OF_RANGE");
        }

        Guid? userId = null;
        if (request.UserName is { Length: > 0 } userName)
        {
            userId = await db.Users.Where(u => u.EnterpriseId == request.EnterpriseId && u.UserName == userName.Trim()).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (userId is null)
            {
                return Error.Validation("userName", "USER_NOT_FOUND", ("name", userName));
            }
        }

        AgentProfile agent;
        if (request.Id is { } id)
        {
            var existing = await db.Agents.SingleOrDefaultAsync(a => a.EnterpriseId == request.EnterpriseId && a.Id == id, ct);
            if (existing is null)
            {
                return Error.NotFound("AGENT_NOT_FOUND", ("id", id));
            }

            agent = existing;
        }
        else
        {
            agent = new AgentProfile { EnterpriseId = request.EnterpriseId, Name = request.Name.Trim() };
            db.Agents.Add(agent);
        }

        agent.Name = request.Name.Trim();
        agent.UserId = userId;
        agent.Employment = employment;
        agent.SocialInsuranceCity = request.SocialInsuranceCity?.Trim() is { Length: > 0 } city ? city : null;
        agent.SocialInsuranceMonths = request.SocialInsuranceMonths ?? 0;
        agent.UpdatedAt = clock.GetUtcNow();
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.RosterChanged, $"agent:{agent.Id}", $"employment={employment} insured={agent.SocialInsuranceCity}/{agent.SocialInsuranceMonths}", ct);
        return (await GetAsync(request.EnterpriseId, ct)).Agents.Single(a => a.Id == agent.Id);
    }

    public async Task<Result<TrainingView>> AddTrainingAsync(AddTrainingRequest request, CancellationToken ct = default)
    {
        if (!await db.Agents.AnyAsync(a => a.EnterpriseId == request.EnterpriseId && a.Id == request.AgentId, ct))
        {
            return Error.NotFound("AGENT_NOT_FOUND", ("id", request.AgentId));
        }

        if (string.IsNullOrWhiteSpace(request.Topic) || request.Topic.Trim().Length > 200)
        {
            return Error.Validation("topic", "TOPIC_REQUIRED");
        }

        if (request.Content is { Length: > MaxTrainingFileBytes })
        {
            return Error.Validation("file", "FILE_TOO_LARGE", ("size", request.Content.Length), ("max", MaxTrainingFileBytes));
        }

        var training = new AgentTraining
        {
            EnterpriseId = request.EnterpriseId,
            AgentId = request.AgentId,
            Topic = request.Topic.Trim(),
            HeldOn = request.HeldOn ?? ChinaTime.DateOf(clock.GetUtcNow()),
            FileName = request.Content is null ? null : Path.GetFileName(request.FileName ?? "") is { Length: > 0 } name ? (name.Length > 200 ? name[^200..] : name) : "training-record",
            ContentType = request.Content is null ? null : request.ContentType is { Length: > 0 and <= 100 } type ? type : "application/octet-stream",
            Content = request.Content,
        };
        db.Trainings.Add(training);
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.RosterChanged, $"training:{training.Id}", $"agent={request.AgentId} topic={training.Topic}", ct);
        return new TrainingView(training.Id, training.Topic, training.HeldOn, training.FileName, training.Content?.Length);
    }

    public async Task<Result<AgentTraining>> TrainingFileAsync(Guid enterpriseId, Guid trainingId, CancellationToken ct = default) =>
        await db.Trainings.AsNoTracking().SingleOrDefaultAsync(t => t.EnterpriseId == enterpriseId && t.Id == trainingId && t.Content != null, ct) is { } t
            ? t
            : Error.NotFound("TRAINING_NOT_FOUND", ("id", trainingId));

    public async Task<Result<SeatView>> SaveSeatAsync(SaveSeatRequest request, CancellationToken ct = default)
    {
        var code = request.Code?.Trim() ?? "";
        if (code.Length is 0 or > 32)
        {
            return Error.Validation("code", "SEAT_CODE_REQUIRED");
        }

        if (request.Location?.Trim().Length > 200 || request.Equipment?.Trim().Length > 200)
        {
            return Error.Validation(request.Location?.Trim().Length > 200 ? "location" : "equipment", "SEAT_TEXT_TOO_LONG");
        }

        if (string.IsNullOrWhiteSpace(request.Location) || string.IsNullOrWhiteSpace(request.Equipment))
        {
            return Error.Validation(string.IsNullOrWhiteSpace(request.Location) ? "location" : "equipment", "SEAT_INCOMPLETE");
        }

        Guid? userId = null;
        if (request.AgentUserName is { Length: > 0 } userName)
        {
            userId = await db.Users.Where(u => u.EnterpriseId == request.EnterpriseId && u.UserName == userName.Trim()).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (userId is null)
            {
                return Error.Validation("agentUserName", "USER_NOT_FOUND", ("name", userName));
            }
        }

        var seat = await db.Seats.SingleOrDefaultAsync(s => s.EnterpriseId == request.EnterpriseId && s.Code == code, ct);
        if (seat is null)
        {
            seat = new Seat { EnterpriseId = request.EnterpriseId, Code = code, Location = request.Location.Trim(), Equipment = request.Equipment.Trim() };
            db.Seats.Add(seat);
        }

        seat.Location = request.Location.Trim();
        seat.Equipment = request.Equipment.Trim();
        seat.AgentUserId = userId;
        await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.RosterChanged, $"seat:{seat.Code}", $"location={seat.Location}", ct);
        return new SeatView(seat.Id, seat.Code, seat.Location, seat.Equipment, seat.AgentUserId);
    }
}
