namespace IntegrationHub.Engine.Storage;

/// <summary>The portal's record of a dossier (the Dossiers tables' <c>Q</c> column, <see cref="RecordText"/>).</summary>
public sealed record PortalRecord(
    string Procedure, string Agency, int Channel, DateTimeOffset Received, DateTimeOffset Due, DateTimeOffset? Returned, int Status, DateTimeOffset Updated);
