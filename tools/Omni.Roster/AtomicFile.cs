using System.Text;

namespace Omni.Roster;

/// <summary>Writes a file whole or not at all: a temporary file next to it, then one rename over it.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new ExportException($"{path}: the folder {folder} does not exist; create it or choose another path.");
        }

        // In the same folder, so the rename never crosses file systems (where it would be a copy).
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
                await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportException($"{path}: could not be written ({e.Message}); check the path and its permissions. Nothing was changed.", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
