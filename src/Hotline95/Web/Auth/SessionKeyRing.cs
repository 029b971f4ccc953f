using Microsoft.AspNetCore.DataProtection;

namespace Hotline95.Web.Auth;

/// <summary>The installation's sign-in key ring as a node starts.</summary>
public static class SessionKeyRing
{
    /// <summary>
    /// Makes the first sign-in key if there is none, and loads the key ring. <c>serve</c> calls it under the start-up lock:
    /// nodes starting together on a fresh database then share the one key the first of them made. Made later, each would
    /// make its own, and a node that had read the ring before another's key was stored would refuse that node's cookies
    /// until its ring was next read (up to a day).
    /// </summary>
    public static void Ensure(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Hotline95.StartUp").Protect([0]);
}
