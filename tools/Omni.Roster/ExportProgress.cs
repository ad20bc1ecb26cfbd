namespace Omni.Roster;

/// <summary>
/// Progress on stderr: on a terminal one line rewritten in place as entries arrive; otherwise (CI
/// logs, files) one line per page read, so a long export shows it is alive without flooding a log.
/// </summary>
internal sealed class ExportProgress(TextWriter output, bool isTerminal, int pageSize, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private string _what = "";
    private int _count;

    public void Start(string what)
    {
        _what = what;
        _count = 0;
        if (isTerminal)
        {
            Draw();
        }
    }

    public void Read()
    {
        _count++;
        if (isTerminal)
        {
            Draw();
        }
        else if (_count % pageSize == 0)
        {
            output.WriteLine($"  {_what}: {_count} read ({Elapsed})");
        }
    }

    public void Done()
    {
        if (isTerminal)
        {
            Draw();
            output.WriteLine();
        }
        else
        {
            output.WriteLine($"  {_what}: {_count} read, done ({Elapsed})");
        }
    }

    public void Note(string text) => output.WriteLine($"  note: {text}");

    private string Elapsed => $"{time.GetElapsedTime(_started).TotalSeconds:0.0} s";

    private void Draw()
    {
        // Pages arrive at the rate budget's pace; a moving bar shows the export waits, not hangs.
        const int Width = 20;
        var position = _count / Math.Max(1, pageSize / Width) % Width;
        var bar = new string('=', position).PadRight(Width);
        output.Write($"\r  {_what}: [{bar}] {_count} read ({Elapsed})   ");
    }
}
