using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// Table rows as a gzip'd JSON-lines blob, their column types kept (string, date-time, 32- and
/// 64-bit integers, booleans, doubles), so that staged rows merge exactly as the table would have.
/// </summary>
public static class StagedRows
{
    private const string Text = "s";
    private const string Instant = "d";
    private const string Int32 = "i";
    private const string Int64 = "l";
    private const string Flag = "b";
    private const string Real = "f";

    public static byte[] Write(IEnumerable<TableEntity> rows)
    {
        using var writer = new StagedRowsWriter();
        foreach (var row in rows) writer.Append(row);
        return writer.ToArray();
    }

    /// <summary>Writes one row as a JSON line (uncompressed) to <paramref name="output"/>.</summary>
    internal static void WriteLine(Stream output, TableEntity row)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("p", row.PartitionKey);
            json.WriteString("r", row.RowKey);
            json.WriteStartObject("c");
            foreach (var (name, value) in row)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null) continue;
                var (type, text) = value switch
                {
                    string s => (Text, s),
                    DateTimeOffset d => (Instant, d.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                    DateTime d => (Instant, new DateTimeOffset(d.ToUniversalTime()).UtcTicks.ToString(CultureInfo.InvariantCulture)),
                    int i => (Int32, i.ToString(CultureInfo.InvariantCulture)),
                    long l => (Int64, l.ToString(CultureInfo.InvariantCulture)),
                    bool b => (Flag, b ? "1" : "0"),
                    double f => (Real, f.ToString("R", CultureInfo.InvariantCulture)),
                    _ => throw new NotSupportedException($"Column {name} of row {row.RowKey} has a type staging does not keep: {value.GetType().Name}."),
                };
                json.WriteStartArray(name);
                json.WriteStringValue(type);
                json.WriteStringValue(text);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    public static List<TableEntity> Read(Stream compressed)
    {
        var rows = new List<TableEntity>();
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var row = new TableEntity(root.GetProperty("p").GetString(), root.GetProperty("r").GetString());
            foreach (var column in root.GetProperty("c").EnumerateObject())
            {
                var type = column.Value[0].GetString();
                var text = column.Value[1].GetString()!;
                row[column.Name] = type switch
                {
                    Text => text,
                    Instant => new DateTimeOffset(long.Parse(text, CultureInfo.InvariantCulture), TimeSpan.Zero),
                    Int32 => int.Parse(text, CultureInfo.InvariantCulture),
                    Int64 => long.Parse(text, CultureInfo.InvariantCulture),
                    Flag => text == "1",
                    Real => double.Parse(text, CultureInfo.InvariantCulture),
                    _ => throw new FormatException($"Staged column {column.Name} has an unknown type '{type}'."),
                };
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Merges <paramref name="source"/>'s columns into <paramref name="target"/>, as an UpsertMerge
    /// would (present columns win, absent ones are kept), except that of two versions of a record
    /// the one updated later wins, whichever was listed last (<see cref="DossierSupersession.KeepsNewer"/>).
    /// </summary>
    public static void MergeInto(TableEntity target, TableEntity source)
    {
        foreach (var (name, value) in source)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") continue;
            if (target.TryGetValue(name, out var kept) && DossierSupersession.KeepsNewer(name, kept, value)) continue;
            target[name] = value;
        }
    }
}
