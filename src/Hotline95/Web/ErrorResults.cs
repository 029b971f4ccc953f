using System.Text.Json.Serialization;
using Hotline95.Core.Common;
using Hotline95.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hotline95.Web;

/// <summary>
/// The one place where expected failures become HTTP ProblemDetails: the status from the error's kind, its
/// <c>code</c> and <c>field</c> unchanged, and <c>title</c> and <c>detail</c> written from the server's catalog
/// (<see cref="ServerText"/>) in the request's language (Accept-Language: Chinese unless English comes first).
/// Every ProblemDetails the app writes (errors, status-code pages, 401/403, unreadable requests) passes through
/// <see cref="Localize"/>.
/// </summary>
public static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error)
    {
        var problem = new ErrorProblemDetails(error) { Status = StatusOf(error.Kind) };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        Write(problem, english: false); // Chinese, the product's default, until the request's language is known
        return TypedResults.Problem(problem);
    }

    /// <summary>Writes <paramref name="error"/> as the response, in the request's language (for middleware, outside endpoints).</summary>
    public static Task WriteAsync(this Error error, HttpContext http) => error.ToProblem().ExecuteAsync(http);

    /// <summary>Sets a problem's texts in the reader's language: an error's title and detail, or a bare status's title.</summary>
    public static void Localize(ProblemDetails problem, HttpContext http)
    {
        var english = http.PrefersEnglish();
        if (problem is ErrorProblemDetails)
        {
            Write(problem, english);
            return;
        }

        if (problem.Status is { } status && ServerText.Find($"status.{status}", english) is { } title)
        {
            problem.Title = title;
            problem.Detail ??= ServerText.Find($"status.{status}.detail", english);
        }
    }

    public static int StatusOf(ErrorKind kind) => kind switch
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

    private static void Write(ProblemDetails problem, bool english)
    {
        var error = ((ErrorProblemDetails)problem).Error;
        problem.Title = ServerText.Find($"title.{error.Kind}", english);
        problem.Detail = ServerText.Render(error, english);
        if (error.Field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [problem.Detail] };
        }
    }

    /// <summary>A problem made from an <see cref="Error"/>, which it keeps (not serialized) so its texts can be written in the reader's language.</summary>
    private sealed class ErrorProblemDetails(Error error) : ProblemDetails
    {
        [JsonIgnore]
        public Error Error { get; } = error;
    }
}
