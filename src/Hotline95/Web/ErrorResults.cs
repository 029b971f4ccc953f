using Hotline95.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline95.Web;

/// <summary>The one place where expected failures become HTTP ProblemDetails.</summary>
public static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.Locked => StatusCodes.Status423Locked,
            ErrorKind.TooMany => StatusCodes.Status429TooManyRequests,
            ErrorKind.UnsupportedMedia => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
            extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        }

        return TypedResults.Problem(detail: error.Message, statusCode: status, title: TitleFor(error.Kind), extensions: extensions);
    }

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request is not valid.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "Conflict with existing data.",
        ErrorKind.Forbidden => "Forbidden.",
        ErrorKind.Unauthorized => "Not signed in.",
        ErrorKind.Locked => "Account locked.",
        ErrorKind.TooMany => "Allowance used up.",
        ErrorKind.UnsupportedMedia => "Unsupported content.",
        _ => "Bad request.",
    };
}
