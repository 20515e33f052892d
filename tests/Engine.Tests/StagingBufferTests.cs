using Azure.Data.Tables;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

public sealed class StagingBufferTests
{
    [Fact]
    public void AFlushIsOneBlobPerBucketWithItsRowsInArrivalOrder()
    {
        using var flush = new StagingBuffer();
        // Two records of one dossier (the case system's, then a payment) and rows of two other buckets.
        flush.Add(new TableEntity("b02", "x") { ["P"] = "first" });
        flush.Add(new TableEntity("b00", "y") { ["P"] = "other bucket" });
        flush.Add(new TableEntity("b02", "x") { ["T_1"] = "payment" });
        flush.Add(new TableEntity("b02", "z") { ["P"] = "third" });

        Assert.Equal(4, flush.Count);
        var blobs = flush.Buckets.ToDictionary(b => b.Key, b => StagedRows.Read(new MemoryStream(b.Value.ToArray())));
        Assert.Equal(["b00", "b02"], blobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["x", "x", "z"], blobs["b02"].Select(r => r.RowKey));
        Assert.Equal("first", blobs["b02"][0]["P"]);
        Assert.Equal("payment", blobs["b02"][1]["T_1"]);
        Assert.Equal("other bucket", Assert.Single(blobs["b00"])["P"]);
    }

    [Fact]
    public void AFinishedBlobTakesNoMoreRows()
    {
        using var writer = new StagedRowsWriter();
        writer.Append(new TableEntity("b01", "x") { ["P"] = "a" });
        var bytes = writer.ToArray();
        Assert.Throws<InvalidOperationException>(() => writer.Append(new TableEntity("b01", "y")));
        Assert.Equal(bytes, writer.ToArray());
        Assert.Single(StagedRows.Read(new MemoryStream(bytes)));
    }
}
