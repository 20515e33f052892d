using System.Globalization;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A snapshot that would delete more than the allowed share of a Catalogue partition's stored rows:
/// not applied. An upstream answer of 200 with an empty or cut-short list must not wipe what the
/// hub knows (the agency hierarchy, the LGSP applications) nor mass-resolve its findings; an admin
/// who knows the list really shrank accepts it explicitly (<c>hub sync SOURCE --accept-shrink</c>).
/// </summary>
public sealed class SnapshotShrinkException(string partition, int stored, int missing, double maxShare)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"The new list of '{partition}' lacks {missing} of the {stored} stored rows ({100.0 * missing / stored:F0} %, more than the {100 * maxShare:F0} % allowed): not applied. If the source really dropped them, run the sync again accepting the shrink (hub sync SOURCE --accept-shrink)."))
{
    public string Partition { get; } = partition;
    public int Stored { get; } = stored;
    public int Missing { get; } = missing;

    /// <summary>Whether a snapshot lacking <paramref name="missing"/> of <paramref name="stored"/> rows shrinks more than <paramref name="maxShare"/> allows.</summary>
    public static bool Shrinks(int stored, int missing, double maxShare) => stored > 0 && missing > maxShare * stored;
}
