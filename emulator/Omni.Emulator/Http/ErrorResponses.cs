using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Omni.Emulator.Json;

namespace Omni.Emulator.Http;

internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message), EmulatorJson.Context.ApiError,
            cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// ASP.NET answers some refusals itself with an empty body: 404 for an unknown path, 405 for a
    /// known path called with the wrong method; Omni's clients expect its error shape on every error.
    /// </summary>
    public static Task WriteForEmptyAnswerAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        return WriteAsync(context.HttpContext, status, ReasonPhrases.GetReasonPhrase(status));
    }

    private static ApiError Body(int status, string message) =>
        new(status.ToString(CultureInfo.InvariantCulture), message);
}
