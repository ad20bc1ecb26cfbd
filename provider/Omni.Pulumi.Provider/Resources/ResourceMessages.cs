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
