using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace IntegrationHub.Engine.Storage;

/// <summary>Storage settings (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>Connection string (Azurite: UseDevelopmentStorage=true). App setting "HubStorage" wins over this.</summary>
    public string ConnectionString { get; set; } = "";
    /// <summary>Prefix of every table and container name: lets several hubs (or test runs) share one account.</summary>
    public string Prefix { get; set; } = "hub";
}

/// <summary>
/// The hub's tables and its raw-page container, behind one object. Every request it sends is
/// counted (<see cref="Operations"/>), which run records and the proportionality tests read.
/// </summary>
public sealed class HubStorage
{
    public const string Dossiers = "Dossiers";
    public const string Catalogue = "Catalogue";
    public const string Findings = "Findings";
    public const string KpiCounters = "KpiCounters";
    public const string ProcedureActivity = "ProcActivity";
    public const string Kpis = "Kpis";
    public const string State = "State";
    public const string Runs = "Runs";
    public const string ApiKeys = "ApiKeys";
    public static readonly IReadOnlyList<string> AllTables = [Dossiers, Catalogue, Findings, KpiCounters, ProcedureActivity, Kpis, State, Runs, ApiKeys];

    private readonly TableServiceClient tables;
    private readonly OperationCounter counter = new();

    /// <summary>Storage through a connection string (Azurite locally).</summary>
    public HubStorage(string connectionString, string prefix)
        : this(prefix, (t, b) =>
        {
            if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("No storage connection string: set the app setting 'HubStorage'.");
            return (new TableServiceClient(connectionString, t), new BlobServiceClient(connectionString, b));
        })
    {
    }

    /// <summary>Storage through its endpoints and a token credential (managed identity in Azure: no account keys in settings).</summary>
    public HubStorage(Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential, string prefix)
        : this(prefix, (t, b) => (new TableServiceClient(tableServiceUri, credential, t), new BlobServiceClient(blobServiceUri, credential, b)))
    {
    }

    private HubStorage(string prefix, Func<TableClientOptions, BlobClientOptions, (TableServiceClient, BlobServiceClient)> connect)
    {
        if (prefix.Length is 0 or > 20 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("The storage prefix must be 1-20 letters or digits, starting with a letter.", nameof(prefix));
        }
        Prefix = prefix;
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        tableOptions.Retry.MaxRetries = 5;
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var (t, b) = connect(tableOptions, blobOptions);
        tables = t;
        Blobs = b.GetBlobContainerClient(prefix.ToLowerInvariant() + "-raw-pages");
    }

    public string Prefix { get; }

    /// <summary>Requests sent to storage so far by this instance (every try).</summary>
    public long Operations => counter.Count;

    public BlobContainerClient Blobs { get; }

    public TableClient Table(string name) => tables.GetTableClient(Prefix + name);

    /// <summary>One cheap request to the Table service: throws if it cannot be reached.</summary>
    public async Task PingTablesAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).WithCancellation(cancellationToken))
        {
            break;
        }
    }

    /// <summary>One cheap request to the Blob service: throws if it cannot be reached.</summary>
    public async Task PingBlobsAsync(CancellationToken cancellationToken) => await Blobs.ExistsAsync(cancellationToken);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in AllTables) await Table(name).CreateIfNotExistsAsync(cancellationToken);
        await Blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Deletes everything this prefix owns (tests, and resetting a rehearsal).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        foreach (var name in AllTables) await Table(name).DeleteAsync(cancellationToken);
        await Blobs.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private sealed class OperationCounter : HttpPipelineSynchronousPolicy
    {
        private long count;
        public long Count => Interlocked.Read(ref count);
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
