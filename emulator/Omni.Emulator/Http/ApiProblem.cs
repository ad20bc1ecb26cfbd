namespace Omni.Emulator.Http;

/// <summary>
/// A request Omni would refuse; thrown from validation deep inside a handler and turned into
/// Omni's error body by <see cref="ApiProblemMiddleware"/>, so handlers read as the happy path.
/// </summary>
public sealed class ApiProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiProblem BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiProblem NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static ApiProblem Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static ApiProblem UserNotFound() => NotFound("User not found");
    public static ApiProblem GroupNotFound() => NotFound("Group not found");
    public static ApiProblem DuplicateUser() => Conflict("User with this email already exists");
    public static ApiProblem DuplicateGroup() => Conflict("Group with this name already exists");
}
