using System.Globalization;
using Omni.Emulator.Json;

namespace Omni.Emulator.Http;

internal static class ErrorResponses
{
    public static IResult Result(int status, string message) =>
        Results.Json(Body(status, message), EmulatorJson.Context.ApiError, statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message), EmulatorJson.Context.ApiError,
            cancellationToken: context.RequestAborted);
    }

    private static ApiError Body(int status, string message) =>
        new(status.ToString(CultureInfo.InvariantCulture), message);
}
