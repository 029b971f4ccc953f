using System.Text.Json.Serialization;

namespace Hotline95.Core.Licensing.Dossiers;

/// <summary>
/// Whether a dossier's hotline runs on Hotline95, the one answer the check and the documents ask (docs/licensing.md).
/// <see cref="Own"/> comes from the stored flag alone (the tenant's own hotline here: the roster and the configuration
/// replace the dossier's statements); the dossier's <c>usesHotline95Platform</c> member is only the applicant's
/// statement (<see cref="Stated"/>: an agency's client on Hotline95 elsewhere, whose facts remain its own).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlatformUse>))]
public enum PlatformUse
{
    [JsonStringEnumMemberName("none")] None,
    /// <summary>The applicant says its hotline runs on Hotline95: the policies describe the platform's measures; every fact stays the dossier's.</summary>
    [JsonStringEnumMemberName("stated")] Stated,
    /// <summary>The tenant's own hotline runs here: seats, agents, encryption and limits come from the platform, and its measures are described.</summary>
    [JsonStringEnumMemberName("own")] Own,
}

/// <summary>The documents describe the platform's measures for <see cref="PlatformUse.Stated"/> and <see cref="PlatformUse.Own"/> alike (a dossier saved as own is stored with <c>usesHotline95Platform</c> true).</summary>
public static class PlatformUses
{
    public static PlatformUse Of(bool ownHotlineHere, Dossier dossier) =>
        ownHotlineHere ? PlatformUse.Own : dossier.UsesHotline95Platform == true ? PlatformUse.Stated : PlatformUse.None;
}
