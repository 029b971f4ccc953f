using Hotline95.Core.Audit;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Identity;

/// <summary>The user's identity on the PBX: both values replace the stored ones; null (or blank) clears one.</summary>
public sealed record SetUserTelephonyRequest(Guid EnterpriseId, string UserName, string? PbxName, string? Extension, string Actor);

/// <summary>What a PBX user name and an extension may be: the rule the API, the CLI and the CTI matching share.</summary>
public static class UserTelephony
{
    public const int MaxPbxName = 64;
    public const int MaxExtension = 16;

    /// <summary>Trimmed, or null when blank.</summary>
    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static Error? Check(string? pbxName, string? extension)
    {
        // A comma separates the agents a CTI event names ("user 1, user 2"), so a name cannot hold one.
        if (pbxName is not null && (pbxName.Length > MaxPbxName || pbxName.Any(c => c == ',' || char.IsControl(c))))
        {
            return Error.Validation("pbxName", "TELEPHONY_PBX_NAME_INVALID", ("value", pbxName), ("max", MaxPbxName));
        }

        if (extension is not null && (extension.Length > MaxExtension || !extension.All(char.IsAsciiDigit)))
        {
            return Error.Validation("extension", "TELEPHONY_EXTENSION_INVALID", ("value", extension), ("max", MaxExtension));
        }

        return null;
    }
}

/// <summary>
/// Sets whom the PBX means by a user: the desk shows a ringing call to the users whose PBX name or extension the CTI event
/// names. Each is unique in the enterprise (two agents with one extension would both be rung for the other). Audited.
/// </summary>
public sealed class SetUserTelephonyHandler(Hotline95DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<UserView>> HandleAsync(SetUserTelephonyRequest request, CancellationToken ct = default)
    {
        var pbxName = UserTelephony.Normalize(request.PbxName);
        var extension = UserTelephony.Normalize(request.Extension);
        if (UserTelephony.Check(pbxName, extension) is { } invalid)
        {
            return invalid;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.EnterpriseId == request.EnterpriseId && u.UserName == request.UserName, ct);
        if (user is null)
        {
            return Error.NotFound("USER_NOT_FOUND", ("name", request.UserName));
        }

        if (await TakenAsync(request.EnterpriseId, user.Id, pbxName, extension, ct) is { } taken)
        {
            return taken;
        }

        var now = clock.GetUtcNow();
        if (user.PbxName == pbxName && user.Extension == extension)
        {
            return UserView.From(user, now); // already so: nothing to change or audit
        }

        var before = Describe(user.PbxName, user.Extension);
        user.PbxName = pbxName;
        user.Extension = extension;
        try
        {
            await audit.SaveAndAppendAsync(db, request.EnterpriseId, request.Actor, AuditActions.TelephonyChanged, user.UserName, $"{before}->{Describe(pbxName, extension)}", ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && ex.Entries.Any(e => e.Entity is UserAccount))
        {
            // Someone took the name or extension between the check and the write: the unique index refused it.
            db.ChangeTracker.Clear();
            return await TakenAsync(request.EnterpriseId, user.Id, pbxName, extension, ct)
                ?? Error.Conflict("TELEPHONY_TAKEN", "pbxName");
        }

        return UserView.From(user, now);
    }

    private async Task<Error?> TakenAsync(Guid enterpriseId, Guid userId, string? pbxName, string? extension, CancellationToken ct)
    {
        var others = db.Users.AsNoTracking().Where(u => u.EnterpriseId == enterpriseId && u.Id != userId);
        if (pbxName is not null && await others.Where(u => u.PbxName != null && u.PbxName.ToLower() == pbxName.ToLower()).Select(u => u.UserName).FirstOrDefaultAsync(ct) is { } holder)
        {
            return Error.Conflict("TELEPHONY_PBX_NAME_TAKEN", "pbxName", ("value", pbxName), ("user", holder));
        }

        if (extension is not null && await others.Where(u => u.Extension == extension).Select(u => u.UserName).FirstOrDefaultAsync(ct) is { } owner)
        {
            return Error.Conflict("TELEPHONY_EXTENSION_TAKEN", "extension", ("value", extension), ("user", owner));
        }

        return null;
    }

    private static string Describe(string? pbxName, string? extension) => $"pbx={pbxName ?? "-"},ext={extension ?? "-"}";
}
