namespace IntegrationHub.Functions.Dashboard;

/// <summary>One built file of the dashboard: its bytes, content type and ETag.</summary>
public sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);
