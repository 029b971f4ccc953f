using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline95.Core.Identity;

public static class IdentityRegistration
{
    public static IServiceCollection AddIdentityFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityPolicyOptions>()
            .Bind(configuration.GetSection(IdentityPolicyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Passwords>();
        services.AddScoped<AddUserHandler>();
        services.AddScoped<ListUsersHandler>();
        services.AddScoped<SetUserRoleHandler>();
        services.AddScoped<ResetPasswordHandler>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<LogoutHandler>();
        services.AddScoped<SetUserEnabledHandler>();
        services.AddScoped<SetUserTelephonyHandler>();
        services.AddScoped<ApiKeysHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<AuthenticateApiKeyHandler>();
        services.AddSingleton<RememberedApiKeys>();
        services.AddScoped<BootstrapAdminHandler>();
        return services;
    }
}
