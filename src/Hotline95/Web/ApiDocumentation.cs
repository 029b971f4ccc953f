using Hotline95.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Hotline95.Web;

/// <summary>
/// The OpenAPI document (/openapi/v1.json), read by the API page: the two ways to authenticate declared as security
/// schemes and applied to every operation that needs a caller, and the error answers every operation can give
/// (401 without a caller, 403 without the permission, 422 from the input guard, 429 from a rate limit) as ProblemDetails.
/// What an operation does and its own errors are said where it is mapped, with <see cref="Documented"/>.
/// </summary>
public static class ApiDocumentation
{
    public const string CookieScheme = "cookie";
    public const string ApiKeyScheme = "apiKey";

    public static IServiceCollection AddHotline95OpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Hotline95 API",
                Version = "v1",
                Description = "The platform of a Chinese 95 customer-service number: lines, calls, tickets and complaints, licence dossiers, " +
                    "monitoring, reports and compliance. Browsers authenticate with the session cookie set by POST /api/auth/login; " +
                    "systems send an API key (hotline95 apikey create) in the X-Api-Key header. Errors are RFC 9457 problem details " +
                    "with a stable `code` and, for bad input, the `field`; `title` and `detail` follow Accept-Language (zh-CN by default, en).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = AuthSetup.CookieName,
                Description = "The session cookie set by POST /api/auth/login (HttpOnly, SameSite=Strict); ends at sign-out, on a role or password change, or when the user is disabled.",
            };
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key created on the server with 'hotline95 apikey create --name NAME [--role ROLE]'; it acts with its role's permissions.",
            };
            return Task.CompletedTask;
        });
        // A phrase is written as text in the request's language (PhraseJsonConverter), not as its code and arguments.
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(Core.Common.Phrase))
            {
                schema.Type = JsonSchemaType.String;
                schema.Properties?.Clear();
                schema.Required?.Clear();
                schema.Description = "Text for people, in the request's language (Accept-Language: zh-CN by default, en).";
            }

            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
            operation.Responses ??= [];
            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                ];
                Add(operation, StatusCodes.Status401Unauthorized, "Not signed in: no valid session cookie or X-Api-Key.", problem);
                var permissions = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
                    .Where(p => p.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal)).Select(p => p[PermissionPolicies.Prefix.Length..]).Distinct().ToList();
                if (permissions.Count > 0)
                {
                    Add(operation, StatusCodes.Status403Forbidden, $"The caller's role lacks the permission {string.Join(" and ", permissions)}.", problem);
                    operation.Description = $"{operation.Description}\n\nRequires the permission {string.Join(" and ", permissions)}.".TrimStart();
                }
            }

            if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
            {
                Add(operation, StatusCodes.Status422UnprocessableEntity, "Input not valid: `code` says why and `field` names the input (a text over its length limit, a NUL character, a value out of range).", problem);
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                Add(operation, StatusCodes.Status429TooManyRequests, "Too many requests from this address: wait a minute.", problem);
            }

            // Every error answer can be a ProblemDetails (the input guard's 422 included), whatever else the operation declares.
            foreach (var (status, response) in operation.Responses)
            {
                if (status.StartsWith('4') && response is OpenApiResponse { } concrete)
                {
                    concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
                    concrete.Content.TryAdd("application/problem+json", new OpenApiMediaType { Schema = problem });
                }
            }
        });
    });

    /// <summary>What an operation does (summary and description, in English) and the error answers of its own (404, 409, 423…).</summary>
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, string summary, string description, params int[] problems)
    {
        builder.WithSummary(summary).WithDescription(description);
        foreach (var status in problems)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    private static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema problem)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing))
        {
            if (existing is OpenApiResponse concrete && string.IsNullOrEmpty(concrete.Description) is false && concrete.Description.Length < 20)
            {
                concrete.Description = description;
            }

            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
        };
    }
}
