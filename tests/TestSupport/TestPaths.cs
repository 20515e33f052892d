namespace IntegrationHub.TestSupport;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
