using Hotline95.Core.Audit;

namespace Hotline95.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly Guid Enterprise = Guid.Parse("0195a1b2-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Compute_SameFields_SameHash()
    {
        Assert.Equal(
            AuditChain.Compute(Key, 1, Enterprise, At, "admin", "login.succeeded", "admin", "", AuditChain.GenesisHash),
            AuditChain.Compute(Key, 1, Enterprise, At, "admin", "login.succeeded", "admin", "", AuditChain.GenesisHash));
    }

    [Fact]
    public void Compute_AnyFieldChanged_ChangesTheHash()
    {
        var original = AuditChain.Compute(Key, 1, Enterprise, At, "admin", "user.added", "bob", "role=Agent", AuditChain.GenesisHash);

        Assert.NotEqual(original, AuditChain.Compute(Key, 2, Enterprise, At, "admin", "user.added", "bob", "role=Agent", AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.Compute(Key, 1, Guid.NewGuid(), At, "admin", "user.added", "bob", "role=Agent", AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.Compute(Key, 1, Enterprise, At.AddMilliseconds(1), "admin", "user.added", "bob", "role=Agent", AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.Compute(Key, 1, Enterprise, At, "admin", "user.added", "bob", "role=Admin", AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.Compute(Key, 1, Enterprise, At, "admin", "user.added", "bob", "role=Agent", new string('1', 64)));
    }

    [Fact]
    public void Compute_FieldBoundaryShifted_ChangesTheHash()
    {
        // Without length prefixes "ab|c" and "a|bc" would concatenate alike.
        Assert.NotEqual(
            AuditChain.Compute(Key, 1, Enterprise, At, "ab", "c", "t", "d", AuditChain.GenesisHash),
            AuditChain.Compute(Key, 1, Enterprise, At, "a", "bc", "t", "d", AuditChain.GenesisHash));
    }

    [Fact]
    public void Compute_AnotherKey_GivesAnotherHash()
    {
        // A forger without the audit key cannot produce the chain's MACs, not even with every field right.
        Assert.NotEqual(
            AuditChain.Compute(Key, 1, Enterprise, At, "admin", "user.added", "bob", "", AuditChain.GenesisHash),
            AuditChain.Compute(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 1, Enterprise, At, "admin", "user.added", "bob", "", AuditChain.GenesisHash));
    }
}
