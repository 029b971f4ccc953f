using Hotline95.Core.Identity;

namespace Hotline95.Core.Tests.Identity;

public sealed class RememberedApiKeysTests
{
    private static readonly ApiKeyPrincipal Pbx = new(Guid.NewGuid(), Guid.NewGuid(), "pbx", Role.Integration);
    private static readonly ApiKeyPrincipal OtherPbx = new(Guid.NewGuid(), Guid.NewGuid(), "other-pbx", Role.Integration);

    /// <summary>A lookup that counts its calls and answers when told to.</summary>
    private sealed class HeldLookup
    {
        private readonly TaskCompletionSource<ApiKeyPrincipal?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ApiKeyPrincipal?> LookUpAsync()
        {
            Interlocked.Increment(ref _calls);
            return _answer.Task;
        }

        public void Answer(ApiKeyPrincipal? key) => _answer.SetResult(key);

        public void Fail(Exception ex) => _answer.SetException(ex);
    }

    [Fact]
    public async Task LookUpOnce_ManyRequestsAtOnce_OneLookupAndEveryRequestGetsItsAnswer()
    {
        var keys = new RememberedApiKeys();
        var lookup = new HeldLookup();

        // A fresh node's first burst: fifty requests with one key before the first lookup has answered.
        var requests = Enumerable.Range(0, 50).Select(_ => keys.LookUpOnceAsync("hash", lookup.LookUpAsync)).ToList();
        lookup.Answer(Pbx);

        Assert.All(await Task.WhenAll(requests), key => Assert.Equal(Pbx, key));
        Assert.Equal(1, lookup.Calls);
    }

    [Fact]
    public async Task LookUpOnce_TwoKeysAtOnce_EachRequestGetsItsOwnKeysAnswer()
    {
        var keys = new RememberedApiKeys();
        var first = new HeldLookup();
        var other = new HeldLookup();

        var firsts = Enumerable.Range(0, 5).Select(_ => keys.LookUpOnceAsync("first", first.LookUpAsync)).ToList();
        var others = Enumerable.Range(0, 5).Select(_ => keys.LookUpOnceAsync("other", other.LookUpAsync)).ToList();
        other.Answer(OtherPbx);
        first.Answer(Pbx);

        Assert.All(await Task.WhenAll(firsts), key => Assert.Equal(Pbx, key));
        Assert.All(await Task.WhenAll(others), key => Assert.Equal(OtherPbx, key)); // never another enterprise's key
        Assert.Equal((1, 1), (first.Calls, other.Calls));
    }

    [Fact]
    public async Task LookUpOnce_AWaitingRequestIsCancelled_ItStopsWaitingAndTheOthersStillGetTheAnswer()
    {
        var keys = new RememberedApiKeys();
        var lookup = new HeldLookup();
        var first = keys.LookUpOnceAsync("hash", lookup.LookUpAsync);
        using var gone = new CancellationTokenSource();
        var cancelled = keys.LookUpOnceAsync("hash", lookup.LookUpAsync, gone.Token);
        var other = keys.LookUpOnceAsync("hash", lookup.LookUpAsync);

        await gone.CancelAsync(); // its client went away while the lookup still runs

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(10))); // a TimeoutException if it still waits
        Assert.False(first.IsCompleted);
        lookup.Answer(Pbx);
        Assert.Equal((Pbx, Pbx), (await first, await other));
        Assert.Equal(1, lookup.Calls); // the cancelled request did not look the key up itself
    }

    [Fact]
    public void Remember_TheSameKeyAgainAfterItsUseWasClaimed_NoSecondRequestIsToldToRecordIt()
    {
        var keys = new RememberedApiKeys();
        var now = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        keys.Remember("hash", Pbx, DateTimeOffset.MinValue);
        Assert.True(keys.Find("hash", now, TimeSpan.FromMinutes(1))!.Value.TouchDue);

        keys.Remember("hash", Pbx, DateTimeOffset.MinValue); // a request that missed it looked it up again meanwhile

        Assert.False(keys.Find("hash", now, TimeSpan.FromMinutes(1))!.Value.TouchDue);
        keys.Remember("hash", OtherPbx, DateTimeOffset.MinValue); // another key under the hash (never, but not kept as the old one)
        Assert.Equal(OtherPbx, keys.Find("hash", now, TimeSpan.FromMinutes(1))!.Value.Key);
    }

    [Fact]
    public async Task LookUpOnce_AfterALookupAnswered_TheNextRequestLooksUpAgain()
    {
        var keys = new RememberedApiKeys();
        var lookups = 0;
        Task<ApiKeyPrincipal?> LookUp()
        {
            Interlocked.Increment(ref lookups);
            return Task.FromResult<ApiKeyPrincipal?>(null); // a wrong key: not remembered, so each request asks the database
        }

        Assert.Null(await keys.LookUpOnceAsync("wrong", LookUp));
        Assert.Null(await keys.LookUpOnceAsync("wrong", LookUp));
        Assert.Equal(2, lookups);
    }

    [Fact]
    public async Task LookUpOnce_TheRunningLookupFails_EachWaitingRequestLooksUpItselfAndTheNextBurstSharesOneAgain()
    {
        var keys = new RememberedApiKeys();
        var failing = new HeldLookup();
        var first = keys.LookUpOnceAsync("hash", failing.LookUpAsync);
        var ownLookups = 0;
        var waiting = Enumerable.Range(0, 5).Select(_ => keys.LookUpOnceAsync("hash", () =>
        {
            Interlocked.Increment(ref ownLookups);
            return Task.FromResult<ApiKeyPrincipal?>(Pbx);
        })).ToList();

        failing.Fail(new TimeoutException("the database did not answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        Assert.All(await Task.WhenAll(waiting), key => Assert.Equal(Pbx, key));
        Assert.Equal(5, ownLookups);

        // The failed lookup is not left behind: the next burst shares one lookup again.
        var next = new HeldLookup();
        var burst = Enumerable.Range(0, 5).Select(_ => keys.LookUpOnceAsync("hash", next.LookUpAsync)).ToList();
        next.Answer(Pbx);
        Assert.All(await Task.WhenAll(burst), key => Assert.Equal(Pbx, key));
        Assert.Equal(1, next.Calls);
    }
}
