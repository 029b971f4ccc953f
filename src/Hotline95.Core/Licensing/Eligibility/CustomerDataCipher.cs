namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// The one reading of how customer data is stored encrypted, for the check and the documents alike: the ciphers the
/// stated method (the dossier's <c>encryption</c>, or the platform's: all it names is for stored data) and the policy's
/// text name for stored data, and the ones the text names for something else (transport, keys). Every cipher named for stored data counts: AES-256 beside AES-128
/// does not hide AES-128, and a stated AES-256 does not hide a text saying AES-128.
/// </summary>
public sealed record CustomerDataCipher(string? StatedMethod, IReadOnlyList<Cipher> Stated, IReadOnlyList<Cipher> InText, IReadOnlyList<Cipher> Other)
{
    public static CustomerDataCipher Read(string? stated, string? text)
    {
        var method = string.IsNullOrWhiteSpace(stated) ? null : stated.Trim();
        var fromStated = PolicyText.Ciphers(method);
        var fromText = PolicyText.StorageCiphers(text);
        var other = PolicyText.Ciphers(text).Where(c => !fromText.Contains(c) && !fromStated.Contains(c)).ToList();
        return new CustomerDataCipher(method, fromStated, fromText, other);
    }

    /// <summary>Every cipher named for stored data, the stated ones first.</summary>
    public IReadOnlyList<Cipher> Storage => [.. Stated.Concat(InText).Distinct()];

    /// <summary>The method as the documents print it: as stated, else the storage ciphers the text names; null when neither names one.</summary>
    public string? Method => StatedMethod ?? (InText.Count > 0 ? string.Join("、", InText.Select(c => c.Name)) : null);

    /// <summary>
    /// Storage ciphers none of <paramref name="accepted"/> is: AES-128, DES, AES without its key length. The text's AES
    /// beside a named AES-256 is that AES-256, not another cipher; a stated method must name its key length.
    /// </summary>
    public IReadOnlyList<Cipher> Rejected(IReadOnlyList<AcceptedCipher> accepted) =>
        [.. Storage.Where(c => !accepted.Any(a => c.IsA(a.Cipher))
            && !(!Stated.Contains(c) && Storage.Any(o => o != c && c.Within(o) && accepted.Any(a => o.IsA(a.Cipher)))))];

    /// <summary>The accepted cipher the storage ciphers name, and the first cipher naming it; null when none does.</summary>
    public (AcceptedCipher Accepted, Cipher Named)? Match(IReadOnlyList<AcceptedCipher> accepted) =>
        accepted.SelectMany(a => Storage.Where(c => c.IsA(a.Cipher)).Select(c => (a, c))).Cast<(AcceptedCipher, Cipher)?>().FirstOrDefault();

    /// <summary>Storage ciphers the text names that the stated method does not (stated AES-256, text SM4): the two disagree.</summary>
    public IReadOnlyList<Cipher> TextDisagreeing => Stated.Count == 0 ? [] : [.. InText.Where(t => !Stated.Any(s => t.Within(s)))];
}
