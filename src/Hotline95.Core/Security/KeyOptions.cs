namespace Hotline95.Core.Security;

public sealed class KeyOptions
{
    public const string MasterKeyVariable = "HOTLINE95_MASTER_KEY";

    /// <summary>Folder of the master key file; defaults to &lt;data&gt;/keys.</summary>
    public string? Directory { get; set; }
}
