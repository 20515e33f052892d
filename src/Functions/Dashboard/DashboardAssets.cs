using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace IntegrationHub.Functions.Dashboard;

/// <summary>
/// The dashboard's built files (src/Dashboard, bundled by esbuild during the build of this project and
/// embedded in the assembly as "dashboard/{path}"), read once.
/// </summary>
public static class DashboardAssets
{
    public const string ResourcePrefix = "dashboard/";
    public const string Index = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    /// <summary>The file at a path under the dashboard ("" is the index), or null.</summary>
    public static DashboardAsset? Find(string? path) => All.Value.GetValueOrDefault(string.IsNullOrEmpty(path) ? Index : path);

    public static int Count => All.Value.Count;

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            files[name[ResourcePrefix.Length..]] = new DashboardAsset(bytes, type, "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 12).ToLowerInvariant() + "\"");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
