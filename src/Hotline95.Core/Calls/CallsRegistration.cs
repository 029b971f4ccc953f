using Hotline95.Core.Calls.Import;
using Hotline95.Core.Hosting;
using Hotline95.Core.Retention;
using Hotline95.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Calls;

public static class CallsRegistration
{
    /// <summary>The call-record store: keys, field encryption, blind index, CTI, import, search, recordings, retention.</summary>
    public static IServiceCollection AddCallStore(this IServiceCollection services, IConfiguration configuration, Hotline95Settings settings)
    {
        services.AddSingleton(sp => new MasterKeyStore(
            configuration["Keys:Directory"] ?? Path.Combine(settings.DataDirectory, "keys"),
            settings.Environment ?? Environment.GetEnvironmentVariable,
            Pkcs11(configuration, settings.Environment ?? Environment.GetEnvironmentVariable)));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<SessionKeyStore>();
        services.AddSingleton<MasterKeyGuard>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<CallReader>();
        services.AddScoped<ManageKeysHandler>();
        services.AddScoped<KeyDoctorHandler>();

        services.AddScoped<ProcessCtiEventHandler>();
        services.AddSingleton<CtiEventQueue>();
        services.AddScoped<ImportCallsHandler>();
        services.AddScoped<FileFollower>();
        services.AddScoped<FindCallsHandler>();
        services.AddScoped<RevealCallHandler>();
        services.AddScoped<BlockCallerHandler>();
        services.AddScoped<OutboundRoutesHandler>();
        services.AddScoped<CallerLookupHandler>();
        services.AddScoped<CallerLogHandler>();
        services.AddScoped<RecordingsHandler>();

        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<LegalHoldsHandler>();
        services.AddScoped<PurgeRetentionHandler>();
        services.AddScoped<RetentionStateHandler>();
        services.AddHostedService<NightlyPurgeService>();
        return services;
    }

    /// <summary>The PKCS#11 token of the master key, when <c>Keys:Pkcs11:Library</c> is set; the PIN only from the environment.</summary>
    private static Pkcs11Settings? Pkcs11(IConfiguration configuration, Func<string, string?> environment) =>
        configuration["Keys:Pkcs11:Library"] is { Length: > 0 } library
            ? new Pkcs11Settings(library, configuration["Keys:Pkcs11:Token"] ?? "hotline95", configuration["Keys:Pkcs11:KeyLabel"] ?? Pkcs11Settings.DefaultKeyLabel,
                environment(Pkcs11Settings.PinVariable))
            : null;
}
