using System.IO.Compression;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Builds one staged blob (<see cref="StagedRows"/>'s format) row by row, compressed as it goes, so
/// that a large flush is held in memory at its compressed size rather than as table entities.
/// </summary>
public sealed class StagedRowsWriter : IDisposable
{
    private readonly MemoryStream buffer = new();
    private readonly GZipStream gzip;
    private bool finished;

    public StagedRowsWriter() => gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);

    /// <summary>Rows appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row; rows of one dossier are merged in order when the blob is read.</summary>
    public void Append(TableEntity row)
    {
        if (finished) throw new InvalidOperationException("The staged blob is finished; no row may be appended.");
        StagedRows.WriteLine(gzip, row);
        Count++;
    }

    /// <summary>Finishes the compressed stream and returns the blob's bytes; no row may be appended after.</summary>
    public byte[] ToArray()
    {
        if (!finished)
        {
            gzip.Dispose();
            finished = true;
        }
        return buffer.ToArray();
    }

    public void Dispose()
    {
        gzip.Dispose();
        buffer.Dispose();
        finished = true;
    }
}
