using System.Globalization;
using System.Text.RegularExpressions;
using Omni.Emulator.Http;

namespace Omni.Emulator.Connections;

/// <summary>
/// The 6-field AWS EventBridge cron expressions Omni's schema-refresh schedules take
/// (minute hour day-of-month month day-of-week year, e.g. <c>0 2 * * ? *</c>).
/// </summary>
internal static partial class EventBridgeCron
{
    private const string Example = "e.g. '0 2 * * ? *' for 02:00 every day";

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private sealed record Field(string Name, int Min, int Max, IReadOnlyList<string>? Names = null);

    private static readonly Field[] Fields =
    [
        new("minute", 0, 59), new("hour", 0, 23), new("day-of-month", 1, 31), new("month", 1, 12, Months),
        new("day-of-week", 1, 7, Days), new("year", 1970, 2199),
    ];

    /// <summary>The expression with single spaces; 400 naming the field that is wrong.</summary>
    public static string Validate(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 6)
        {
            throw ApiProblem.BadRequest(
                $"schedule: must be a 6-field EventBridge cron expression (minute hour day-of-month month day-of-week year), {Example}");
        }

        for (var i = 0; i < 6; i++)
        {
            if (!FieldIsValid(Fields[i], parts[i].ToUpperInvariant()))
            {
                throw ApiProblem.BadRequest($"schedule: the {Fields[i].Name} field '{parts[i]}' is not valid, {Example}");
            }
        }

        if ((parts[2] == "?") == (parts[4] == "?"))
        {
            throw ApiProblem.BadRequest($"schedule: exactly one of day-of-month and day-of-week must be '?', {Example}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>The server-written description: plain words for a daily run, the expression otherwise.</summary>
    public static string Describe(string expression, string timezone)
    {
        var parts = expression.Split(' ');
        var daily = parts[2] is "*" or "?" && parts[3] == "*" && parts[4] is "*" or "?" && parts[5] == "*";
        return daily && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var minute)
                     && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var hour)
            ? string.Create(CultureInfo.InvariantCulture, $"Runs daily at {hour:00}:{minute:00} ({timezone})")
            : $"Runs on the schedule '{expression}' ({timezone})";
    }

    private static bool FieldIsValid(Field field, string text)
    {
        var isDayOfMonth = field.Name == "day-of-month";
        var isDayOfWeek = field.Name == "day-of-week";
        if (text == "?")
        {
            return isDayOfMonth || isDayOfWeek;
        }

        if (isDayOfMonth && (text == "L" || WeekdayNear().IsMatch(text)))
        {
            return text == "L" || Number(text[..^1], field) is not null;
        }

        if (isDayOfWeek && (NthWeekday().Match(text) is { Success: true } nth))
        {
            return Number(nth.Groups[1].Value, field) is not null;
        }

        if (isDayOfWeek && text.EndsWith('L') && text.Length > 1)
        {
            return Number(text[..^1], field) is not null;
        }

        return text.Split(',').All(item => ItemIsValid(field, item));
    }

    private static bool ItemIsValid(Field field, string item)
    {
        var slash = item.Split('/');
        if (slash.Length > 2 || (slash.Length == 2 && (!int.TryParse(slash[1], CultureInfo.InvariantCulture, out var step) || step < 1)))
        {
            return false;
        }

        var range = slash[0];
        if (range == "*")
        {
            return true;
        }

        var ends = range.Split('-');
        return ends.Length switch
        {
            1 => Number(ends[0], field) is not null,
            2 => Number(ends[0], field) is { } from && Number(ends[1], field) is { } to && from <= to,
            _ => false,
        };
    }

    private static int? Number(string text, Field field)
    {
        if (field.Names is { } names && names.ToList().IndexOf(text) is var index and >= 0)
        {
            return index + field.Min;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= field.Min && value <= field.Max
            ? value
            : null;
    }

    [GeneratedRegex(@"^\d{1,2}W$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayNear();

    [GeneratedRegex(@"^([1-7A-Z]{1,3})#[1-5]$", RegexOptions.CultureInvariant)]
    private static partial Regex NthWeekday();
}
