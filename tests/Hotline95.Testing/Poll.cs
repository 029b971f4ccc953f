namespace Hotline95.Testing;

/// <summary>Waiting in a test for what a background task does: the condition asked every 50 ms, for up to 10 s.</summary>
public static class Poll
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false when it still does not after 10 s.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}})"/>
    public static Task<bool> UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));
}
