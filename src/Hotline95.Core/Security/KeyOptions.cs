namespace Hotline95.Core.Security;

public sealed class KeyOptions
{
    public const string MasterKeyVariable = "HOTLINE95_MASTER_KEY";

    /// <summary>
    /// The master key before a rotation whose last pass failed, beside <see cref="MasterKeyVariable"/>: it still opens the
    /// keys made while that rotation ran, until the next <c>keys rotate</c> re-wraps them.
    /// </summary>
    public const string PreviousMasterKeyVariable = "HOTLINE95_PREVIOUS_MASTER_KEY";

    /// <summary>Folder of the master key file; defaults to &lt;data&gt;/keys.</summary>
    public string? Directory { get; set; }
}
