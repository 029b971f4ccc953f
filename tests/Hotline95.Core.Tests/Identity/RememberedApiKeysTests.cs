using Hotline95.Core.Identity;

namespace Hotline95.Core.Tests.Identity;

public sealed class RememberedApiKeysTests
{
    private static readonly ApiKeyPrincipal Pbx = new(Guid.NewGuid(), Guid.NewGuid(), "pbx", Role.Integration);

    [Fact]
    public async Task LookUpOnce_ManyRequestsAtOnce_OneLookupAndEveryRequestGetsItsAnswer()
    {
        var keys = new RememberedApiKeys();
        var lookups = 0;
        var answer = new TaskCompletionSource<ApiKeyPrincipal?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<ApiKeyPrincipal?> LookUp()
        {
            Interlocked.Increment(ref lookups);
            return answer.Task;
        }

        // A fresh node's first burst: fifty requests with one key before the first lookup has answered.
        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(() => keys.LookUpOnceAsync("hash", LookUp))).ToList();
        await Task.Delay(200);
        answer.SetResult(Pbx);

        Assert.All(await Task.WhenAll(requests), key => Assert.Equal(Pbx, key));
        Assert.Equal(1, lookups);
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
    public async Task LookUpOnce_TheRunningLookupFails_EachWaitingRequestLooksUpItself()
    {
        var keys = new RememberedApiKeys();
        var first = new TaskCompletionSource<ApiKeyPrincipal?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = keys.LookUpOnceAsync("hash", () => first.Task);
        var ownLookups = 0;
        var waiting = Enumerable.Range(0, 5).Select(_ => keys.LookUpOnceAsync("hash", () =>
        {
            Interlocked.Increment(ref ownLookups);
            return Task.FromResult<ApiKeyPrincipal?>(Pbx);
        })).ToList();

        first.SetException(new TimeoutException("the database did not answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => failing);
        Assert.All(await Task.WhenAll(waiting), key => Assert.Equal(Pbx, key));
        Assert.Equal(5, ownLookups);
    }
}
