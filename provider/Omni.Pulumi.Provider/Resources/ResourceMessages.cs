using System.Net;
using System.Text.RegularExpressions;
using Omni.Client;

namespace Omni.Pulumi.Provider.Resources;

/// <summary>The messages several resources repeat, written once so that they read the same everywhere
/// and never carry a secret input's value.</summary>
internal static partial class ResourceMessages
{
    /// <summary>What stands in for a secret value in a message.</summary>
    public const string SecretPlaceholder = "(secret)";

    /// <summary>The `pulumi import` command, each word quoted for a POSIX shell when it needs it;
    /// <paramref name="idOrName"/> is null when it is secret (a placeholder is shown instead).</summary>
    public static string ImportCommand(string type, string resourceName, string? idOrName, string placeholder) =>
        $"`pulumi import {type} {ShellWord(resourceName)} {(idOrName is null ? placeholder : ShellWord(idOrName))}`";

    /// <summary>
    /// Why Omni may already hold an object this stack never recorded: most often an interrupted run (README,
    /// "After an interrupted pulumi up"), whose create reached Omni but whose answer never reached the engine.
    /// </summary>
    public static string LikelyInterruptedRun(string what) =>
        $"This is most likely a {what} that an interrupted run created: a `pulumi up` stopped (Ctrl-C, a crash or a killed plugin) "
        + $"after Omni created the {what} but before the stack recorded it. Otherwise it was created outside this program.";

    /// <summary>A cancelled create: said only when a POST was really sent (the client knows).</summary>
    public static bool CreateMayHaveReachedOmni(OperationCanceledException e) => e is not OmniCancelledException { MayHaveBeenApplied: false };

    /// <summary>Refresh found the resource deleted outside Pulumi.</summary>
    public static string GoneFromOmni(string what, string why, string whatUpDoes) =>
        $"{what} {why}, outside Pulumi. Refresh removes it from the stack's state; `pulumi up` {whatUpDoes}.";

    /// <summary>Whether an update's write failed in a way <see cref="NotUpdated"/> words: the object is gone (404)
    /// or Omni refused the new values (400). Either way Omni applied nothing.</summary>
    public static bool IsGoneOrRefused(OmniApiException e) => e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest;

    /// <summary>The failure of an update that Omni did not apply (see <see cref="IsGoneOrRefused"/>): <paramref name="what"/>
    /// names the object for the 404 (<see cref="NoLongerExists"/>), <paramref name="refused"/> the request for the 400
    /// (<see cref="Refused"/>). Nothing changed, so the engine keeps the old state.</summary>
    public static ProviderFailureException NotUpdated(OmniApiException e, string what, string refused,
        string notDone = "updated", string? hint = null, string? secretValue = null) =>
        new(FailureKind.NothingChanged,
            e.StatusCode == HttpStatusCode.NotFound ? NoLongerExists(what, notDone) : Refused(refused, e, hint, secretValue), e);

    /// <summary>An update found its object deleted outside Pulumi (refresh would have said <see cref="GoneFromOmni"/>).</summary>
    public static string NoLongerExists(string what, string notDone = "updated") =>
        $"{what} no longer exists in Omni, so it was not {notDone}. Run `pulumi refresh` and then `pulumi up` to create it again.";

    /// <summary>Omni refused a request: <paramref name="what"/> is what was asked ("to create connection 'x'"), then
    /// Omni's answer (<see cref="OmniAnswer"/>) and the <paramref name="hint"/> that says how to fix the inputs.</summary>
    public static string Refused(string what, OmniApiException e, string? hint = null, string? secretValue = null) =>
        $"Omni refused {what} ({OmniAnswer(e, secretValue)})." + (hint is null ? "" : " " + hint);

    /// <summary>What Omni answered, as request line, status and Omni's own words: never the client's
    /// composed message, which names the value (e.g. <c>displayName "…"</c>) that may be secret.
    /// <paramref name="secretValue"/>, when given, is blanked out of Omni's words too.</summary>
    public static string OmniAnswer(OmniApiException e, string? secretValue = null)
    {
        var status = e.StatusCode is { } code ? $"{(int)code} {code}" : "no answer";
        var words = e.OmniMessage;
        if (words is not null && !string.IsNullOrEmpty(secretValue))
        {
            words = words.Replace(secretValue, SecretPlaceholder, StringComparison.OrdinalIgnoreCase);
        }

        return string.IsNullOrWhiteSpace(words) ? $"{e.Method} {e.Path} answered {status}" : $"{e.Method} {e.Path} answered {status}: {words}";
    }

    /// <summary>A word a POSIX shell reads back as is: quoted when it holds anything but plain characters.</summary>
    public static string ShellWord(string text) =>
        PlainWord().IsMatch(text) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9._@/:+-]+$")]
    private static partial Regex PlainWord();
}
