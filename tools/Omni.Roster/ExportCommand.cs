using System.Net;
using Omni.Client;
using OmniRoster;

namespace Omni.Roster;

/// <summary>
/// `omni-roster export`: reads the whole organisation first, builds and validates the roster in
/// memory, and only then writes (each file whole, by rename), so a failure at any point leaves
/// every file as it was. Exit codes: 0 written, 1 the export failed, 2 the command line is wrong.
/// </summary>
internal static class ExportCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment,
        TextWriter stdout, TextWriter stderr, bool isTerminal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ExportOptions options;
        try
        {
            options = ExportOptions.Parse(args, environment);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            if (e.ShowUsage)
            {
                await stderr.WriteLineAsync(ExportOptions.Usage).ConfigureAwait(false);
            }

            return BadUsage;
        }

        try
        {
            await ExportAsync(options, stdout, stderr, isTerminal, ct).ConfigureAwait(false);
            return Ok;
        }
        catch (ExportException e)
        {
            await stderr.WriteLineAsync($"omni-roster export: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("omni-roster export: cancelled; nothing was written.").ConfigureAwait(false);
            return Failed;
        }
    }

    private static async Task ExportAsync(ExportOptions options, TextWriter stdout, TextWriter stderr, bool isTerminal, CancellationToken ct)
    {
        var previous = PreviousRoster(options.OutPath);
        var progress = new ExportProgress(stderr, isTerminal, OrganisationReader.PageSize, TimeProvider.System);
        var (snapshot, site) = await ReadAsync(options, progress, ct).ConfigureAwait(false);

        var builder = new RosterBuilder(options, previous);
        var roster = builder.Build(snapshot);
        foreach (var note in builder.Notes)
        {
            progress.Note(note);
        }

        var yaml = RosterYaml.Write(roster, Header(site, roster.Attributes is not null));
        // The gitops program's own reader must accept what was written, or nothing is written.
        try
        {
            OmniRoster.Roster.Parse(yaml, options.OutPath);
        }
        catch (RosterException e)
        {
            throw new ExportException($"the roster built from Omni does not pass the roster's own checks, so nothing was written (please report this):\n{e.Message}", e);
        }

        if (options.ImportFilePath is { } importFile)
        {
            await AtomicFile.WriteAsync(importFile, ImportFile.Write(roster), ct).ConfigureAwait(false);
        }

        await AtomicFile.WriteAsync(options.OutPath, yaml, ct).ConfigureAwait(false);
        await stdout.WriteLineAsync(
            $"Exported {Count(roster.Users.Count, "user")} and {Count(roster.Groups.Count, "group")} to {options.OutPath}, each with its Omni id"
            + (options.ImportFilePath is null ? "." : $"; the same resources for `pulumi import --file` in {options.ImportFilePath}.")).ConfigureAwait(false);
        await stdout.WriteLineAsync(
            "Next: `pulumi preview` shows each entry as `= import`; `pulumi up` adopts them all without changing anything in Omni.").ConfigureAwait(false);
    }

    private static OmniRoster.Roster? PreviousRoster(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // Its names are kept, so that a second export does not rename what Pulumi already manages.
            return OmniRoster.Roster.Load(path);
        }
        catch (RosterException e)
        {
            throw new ExportException($"{path} exists but is not a valid roster, so its resource names cannot be kept:\n{e.Message}\n"
                + "Fix it, or move it away to export afresh (names are then derived from the emails again).", e);
        }
    }

    private static async Task<(OrganisationSnapshot Snapshot, string Site)> ReadAsync(ExportOptions options, ExportProgress progress, CancellationToken ct)
    {
        var site = options.BaseUrl;
        try
        {
            using var client = new OmniClient(new OmniClientOptions
            {
                BaseUrl = options.BaseUrl,
                ApiKey = options.ApiKey,
                RequestsPerMinute = options.RequestsPerMinute,
                MaxRetries = options.MaxRetries,
            });
            site = client.ApiBase.GetLeftPart(UriPartial.Authority);
            return (await new OrganisationReader(client, progress).ReadAsync(ct).ConfigureAwait(false), site);
        }
        catch (OmniConfigurationException e)
        {
            throw new ExportException($"{e.Message} (--base-url / OMNI_BASE_URL, --api-key / OMNI_API_KEY)", e);
        }
        catch (OmniAuthenticationException e)
        {
            throw new ExportException($"Omni at {site} refused the API key ({e.Message}). "
                + "Fix: set OMNI_API_KEY (or --api-key) to a current Organization API key of this organisation.", e);
        }
        catch (OmniTransportException e)
        {
            throw new ExportException($"could not reach Omni at {site} ({e.Message}). "
                + "Fix: check --base-url / OMNI_BASE_URL (the URL you log in to Omni with, e.g. https://acme.omniapp.co) and that this machine can reach it.", e);
        }
        catch (OmniApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ExportException($"{site} does not answer like Omni ({e.Message}). "
                + "Fix: set --base-url / OMNI_BASE_URL to the organisation's URL, e.g. https://acme.omniapp.co.", e);
        }
        catch (OmniApiException e)
        {
            throw new ExportException($"Omni at {site} failed the export ({e.Message}); nothing was written. Run it again later.", e);
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string Header(string site, bool definitions) =>
        $"""
        The Omni organisation's {(definitions ? "attribute definitions, members" : "members")} and groups, exported by `omni-roster export` from {site}.
        Format: see examples/gitops/users.yaml and README.md. Names were derived from the emails and group names;
        keep them stable (a new name is a new resource to Pulumi).
        id: Omni's id of the existing {(definitions ? "definition, user" : "user")} or group. The program adopts the entry with it (Pulumi's `import`
            option), so the first `pulumi up` changes nothing in Omni. Drop the ids once that `up` succeeded;
            an entry added later has no id and is created.
        """;
}
