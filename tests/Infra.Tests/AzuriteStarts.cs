using System.Text.RegularExpressions;

namespace IntegrationHub.Infra.Tests;

/// <summary>Finds the command lines in a script or document that start Azurite.</summary>
public static partial class AzuriteStarts
{
    /// <summary>
    /// Logical lines (backslash continuations joined) that run Azurite: `azurite` or one of its
    /// single-service binaries, bare (npx azurite, .bin/azurite) or followed by options.
    /// </summary>
    public static IEnumerable<(int Line, string Command)> Find(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var first = i + 1;
            var logical = lines[i];
            while (logical.EndsWith('\\') && i + 1 < lines.Length) logical = logical[..^1] + " " + lines[++i];
            if (Start().IsMatch(logical)) yield return (first, logical.Trim());
        }
    }

    public static bool DisablesTelemetry(string command) => Flag().IsMatch(command);

    [GeneratedRegex(@"(?:^|\s)--disableTelemetry(?![\w-])")]
    private static partial Regex Flag();

    // `npm run azurite` runs the package.json script, which is checked itself.
    [GeneratedRegex("""(?<!\brun)(?:^|[\s"'/`(])azurite(?:-table|-blob|-queue)?["']?(?:\s+-|\s*$|\s*[;&|)`])""")]
    private static partial Regex Start();
}
