namespace IntegrationHub.Api.Tests;

/// <summary>The dashboard's tests share one local host and one browser (<see cref="DashboardFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
