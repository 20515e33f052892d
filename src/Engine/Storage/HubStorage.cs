using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The hub's tables and its raw-page container, behind one object. Every request it sends is
/// counted (<see cref="Operations"/>), which run records and the proportionality tests read.
/// </summary>
public sealed class HubStorage
{
    /// <summary>
    /// Dossier state lives in one table per hash bucket, <c>Dossiers{bucket}</c> (<see cref="DossierTable"/>):
    /// the emulator's cost per operation grows with the size of the table it touches, real Table
    /// Storage's does not, so small tables cost nothing in Azure and keep the emulator flat.
    /// </summary>
    public const string Dossiers = "Dossiers";
    public const string Catalogue = "Catalogue";
    public const string Findings = "Findings";
    /// <summary>The sums KPIs are made of, one row per agency and month (<see cref="CounterStore"/>).</summary>
    public const string Counters = "Counters";
    /// <summary>
    /// KPI rows live in <see cref="KpiShards"/> tables, <c>Kpis00</c> to <c>Kpis15</c>, by a hash of the
    /// scope (<see cref="KpiTableName"/>): an incremental reconciliation reads and writes the partitions
    /// of the scopes it touched, and the emulator scans the whole table for every query.
    /// </summary>
    public const string Kpis = "Kpis";
    public const int KpiShards = 16;
    /// <summary>Tables of earlier versions, deleted by a full reconciliation (<c>Kpis</c>: the KPI rows before they were sharded).</summary>
    public static readonly IReadOnlyList<string> RetiredTables = [Kpis];
    public const string State = "State";
    public const string Runs = "Runs";
    public const string ApiKeys = "ApiKeys";
    /// <summary>Upstream records that could not be stored, one index row each (<see cref="QuarantineStore"/>).</summary>
    public const string Quarantine = "Quarantine";
    /// <summary>What agencies poll, kept current when runs end: each agency's and each source's status (<see cref="StatusStore"/>).</summary>
    public const string Status = "Status";
    /// <summary>The dossiers still open, for the weekly review of those due soon and overdue (<see cref="OpenDossierStore"/>).</summary>
    public const string OpenDossiers = "OpenDossiers";
    public static readonly IReadOnlyList<string> AllTables =
        [.. DossierRows.AllPartitions().Select(DossierTableName), .. AllKpiTables, Counters, Catalogue, Findings, State, Runs, ApiKeys, Quarantine, Status, OpenDossiers];

    /// <summary>The KPI tables, one per shard.</summary>
    public static IEnumerable<string> AllKpiTables => Enumerable.Range(0, KpiShards).Select(s => Kpis + s.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The name (without prefix) of the KPI table holding a scope's rows ("province" -> "Kpis07").</summary>
    public static string KpiTableName(string scope) => Kpis + (TableKeys.Hash(scope) % KpiShards).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name (without prefix) of the table holding a dossier bucket ("b07" -> "Dossiersb07").</summary>
    public static string DossierTableName(string partition) => Dossiers + partition;

    private readonly TableServiceClient tables;
    private readonly QueueServiceClient queues;
    private readonly OperationCounter counter = new();

    /// <summary>Storage through a connection string (Azurite locally).</summary>
    public HubStorage(string connectionString, string prefix)
        : this(prefix, (t, b, q) =>
        {
            if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("No storage connection string: set the app setting 'HubStorage'.");
            return (new TableServiceClient(connectionString, t), new BlobServiceClient(connectionString, b), new QueueServiceClient(connectionString, q));
        })
    {
    }

    /// <summary>Storage through its endpoints and a token credential (managed identity in Azure: no account keys in settings).</summary>
    public HubStorage(Uri tableServiceUri, Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential, string prefix)
        : this(prefix, (t, b, q) => (new TableServiceClient(tableServiceUri, credential, t), new BlobServiceClient(blobServiceUri, credential, b),
            new QueueServiceClient(queueServiceUri, credential, q)))
    {
    }

    private HubStorage(string prefix, Func<TableClientOptions, BlobClientOptions, QueueClientOptions, (TableServiceClient, BlobServiceClient, QueueServiceClient)> connect)
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
        // Base64, as the Functions queue trigger expects by default (host.json extensions.queues.messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var (t, b, q) = connect(tableOptions, blobOptions, queueOptions);
        tables = t;
        queues = q;
        RunQueue = q.GetQueueClient(RunQueueName(prefix));
        RunPoisonQueue = q.GetQueueClient(RunQueueName(prefix) + PoisonSuffix);
        Blobs = b.GetBlobContainerClient(prefix.ToLowerInvariant() + "-raw-pages");
        Staging = b.GetBlobContainerClient(prefix.ToLowerInvariant() + "-staging");
        Quarantined = b.GetBlobContainerClient(prefix.ToLowerInvariant() + "-quarantine");
    }

    public string Prefix { get; }

    /// <summary>The suffix the Functions host gives the poison queue of a queue.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>The queue of requested runs, <c>{prefix}-runs</c>: the app setting <c>RunQueue</c> that the trigger reads must name it.</summary>
    public static string RunQueueName(string prefix) => prefix.ToLowerInvariant() + "-runs";

    /// <summary>Requested runs (<see cref="RunQueueStore"/>), one message each, executed by a queue-triggered function.</summary>
    public QueueClient RunQueue { get; }

    /// <summary>A queue by its full name, for the local host's queue triggers (which name their queues in app settings).</summary>
    public QueueClient Queue(string name) => queues.GetQueueClient(name);

    /// <summary>Where the Functions host (and the local host) moves a run request that kept failing.</summary>
    public QueueClient RunPoisonQueue { get; }

    /// <summary>Requests sent to storage so far by this instance (every try).</summary>
    public long Operations => counter.Count;

    public BlobContainerClient Blobs { get; }

    /// <summary>Dossier records staged by a first load or backfill until the full reconciliation applies them (<see cref="DossierStaging"/>).</summary>
    public BlobContainerClient Staging { get; }

    /// <summary>The JSON of each quarantined upstream record (<see cref="QuarantineStore"/>).</summary>
    public BlobContainerClient Quarantined { get; }

    public TableClient Table(string name) => tables.GetTableClient(Prefix + name);

    /// <summary>The table of one dossier bucket (a partition of <see cref="DossierRows"/>).</summary>
    public TableClient DossierTable(string partition) => Table(DossierTableName(partition));

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

    /// <summary>
    /// Creates every table and container this prefix owns, once per instance: since the dossier
    /// buckets that is some seventy requests, which every sync, API run and
    /// CLI command would otherwise repeat. A failed or cancelled attempt is tried again on the next call.
    /// </summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (creationGate)
        {
            if (created is null || created.IsFaulted || created.IsCanceled) created = CreateAllAsync(cancellationToken);
            return created;
        }
    }

    private readonly Lock creationGate = new();
    private Task? created;

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(AllTables, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (name, ct) => await Table(name).CreateIfNotExistsAsync(ct));
        await Blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Staging.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Quarantined.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await RunQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await RunPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Deletes everything this prefix owns (tests, and resetting a rehearsal).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        lock (creationGate) created = null;
        await Parallel.ForEachAsync(AllTables.Concat(RetiredTables), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (name, ct) => await Table(name).DeleteAsync(ct));
        await Blobs.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await Staging.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await Quarantined.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await RunQueue.DeleteIfExistsAsync(cancellationToken);
        await RunPoisonQueue.DeleteIfExistsAsync(cancellationToken);
    }

    private sealed class OperationCounter : HttpPipelineSynchronousPolicy
    {
        private long count;
        public long Count => Interlocked.Read(ref count);
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
