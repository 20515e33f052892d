using System.Buffers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts.Motcua;

namespace IntegrationHub.Engine.Storage;

/// <summary>
/// The text of the records a dossier row keeps, <see cref="ProvinceRecord"/> in column P and
/// <see cref="PortalRecord"/> in Q: a JSON array of the format version and then the record's fields
/// in declaration order; instants as Unix seconds (with a fraction only when they have one, so every
/// tick survives), flags as 0 or 1, unknown values as null. A third of the size of the same record
/// with named fields: the emulator's cost per row follows its bytes (docs/storage.md). Version 2
/// adds the province record's pauses, last: null when none, else [[reason, started, ended], ...]
/// with the reason as <see cref="PauseReason"/>'s number. Version 3 adds, after them, the fee
/// exemption and provincial-gateway flags and the payment time; version 4 the handler's account and
/// name; version 5 the new date an apology letter promises. A record of an earlier version is read with what it lacks as none. A feedback item's record
/// (<see cref="FeedbackRecord"/>, column F) is written from version 4 on.
/// </summary>
public static class RecordText
{
    public const int Version = 5;

    public static string Write(ProvinceRecord p) => Write(w =>
    {
        w.WriteStringValue(p.Procedure); w.WriteStringValue(p.Agency); w.WriteNumberValue(p.Channel); Flag(w, p.ByStaff);
        Instant(w, p.Received); Instant(w, p.Due); Instant(w, p.Result); Instant(w, p.Returned); Instant(w, p.Closed);
        w.WriteNumberValue(p.Status); w.WriteNumberValue(p.Fee); w.WriteStringValue(p.PayMethod); Text(w, p.PayRef);
        Flag(w, p.DigitisedInput); Flag(w, p.DigitisedResult); Flag(w, p.Apology); Instant(w, p.Synced);
        if (p.Rating is { } rating) w.WriteNumberValue(rating); else w.WriteNullValue();
        Instant(w, p.Updated);
        if (p.Pauses.Count == 0) w.WriteNullValue();
        else
        {
            w.WriteStartArray();
            foreach (var pause in p.Pauses)
            {
                w.WriteStartArray();
                w.WriteNumberValue((int)pause.Reason); Instant(w, pause.Started); Instant(w, pause.Ended);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        Flag(w, p.FeeExempt); Flag(w, p.ViaProvincialGateway); Instant(w, p.PaidAt);
        Text(w, p.Handler); Text(w, p.HandlerName); Instant(w, p.ApologyDue);
    });

    public static string Write(PortalRecord q) => Write(w =>
    {
        w.WriteStringValue(q.Procedure); w.WriteStringValue(q.Agency); w.WriteNumberValue(q.Channel);
        Instant(w, q.Received); Instant(w, q.Due); Instant(w, q.Returned); w.WriteNumberValue(q.Status); Instant(w, q.Updated);
    });

    public static ProvinceRecord ReadProvince(string text)
    {
        var f = new FieldReader(text);
        var record = new ProvinceRecord(f.Text(), f.Text(), f.Int(), f.Flag(), f.Instant(), f.Instant(), f.MaybeInstant(), f.MaybeInstant(),
            f.MaybeInstant(), f.Int(), f.Long(), f.Text(), f.MaybeText(), f.Flag(), f.Flag(), f.Flag(), f.MaybeInstant(), f.MaybeInt(), f.Instant())
        {
            Pauses = f.FormatVersion < 2 ? [] : f.Pauses(),
        };
        if (f.FormatVersion < 3) return record;
        record = record with { FeeExempt = f.Flag(), ViaProvincialGateway = f.Flag(), PaidAt = f.MaybeInstant() };
        if (f.FormatVersion < 4) return record;
        record = record with { Handler = f.MaybeText(), HandlerName = f.MaybeText() };
        return f.FormatVersion < 5 ? record : record with { ApologyDue = f.MaybeInstant() };
    }

    public static string Write(FeedbackRecord r) => Write(w =>
    {
        w.WriteStringValue(r.Agency); Text(w, r.Procedure); Instant(w, r.Received); Instant(w, r.Due); Instant(w, r.Answered);
        Flag(w, r.Published); Instant(w, r.Updated);
    });

    public static FeedbackRecord ReadFeedback(string text)
    {
        var f = new FieldReader(text);
        return new FeedbackRecord(f.Text(), f.MaybeText(), f.Instant(), f.Instant(), f.MaybeInstant(), f.Flag(), f.Instant());
    }

    public static PortalRecord ReadPortal(string text)
    {
        var f = new FieldReader(text);
        return new PortalRecord(f.Text(), f.Text(), f.Int(), f.Instant(), f.Instant(), f.MaybeInstant(), f.Int(), f.Instant());
    }

    private static string Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(Version);
            fields(w);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Flag(Utf8JsonWriter w, bool value) => w.WriteNumberValue(value ? 1 : 0);

    private static void Text(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue();
        else w.WriteStringValue(value);
    }

    private static void Instant(Utf8JsonWriter w, DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            w.WriteNullValue();
            return;
        }
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks % TimeSpan.TicksPerSecond == 0) w.WriteNumberValue(ticks / TimeSpan.TicksPerSecond);
        else w.WriteNumberValue((decimal)ticks / TimeSpan.TicksPerSecond);
    }

    /// <summary>Reads a record's fields in order, straight off the UTF-8 text.</summary>
    private ref struct FieldReader
    {
        private Utf8JsonReader reader;

        public FieldReader(string text)
        {
            reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || (FormatVersion = Int()) is < 1 or > Version)
            {
                throw new FormatException($"A stored record of an unknown format: {text[..Math.Min(40, text.Length)]}");
            }
        }

        public int FormatVersion { get; private set; }

        /// <summary>A list of pauses (null for none), each [reason, started, ended].</summary>
        public IReadOnlyList<PauseRecord> Pauses()
        {
            if (Null()) return [];
            if (reader.TokenType != JsonTokenType.StartArray) throw new FormatException("A stored record's pauses are not a list.");
            var pauses = new List<PauseRecord>();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                pauses.Add(new PauseRecord((PauseReason)Int(), Instant(), MaybeInstant()));
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new FormatException("A stored pause has too many fields.");
            }
            if (reader.TokenType != JsonTokenType.EndArray) throw new FormatException("A stored record's pauses are not a list of lists.");
            return pauses;
        }

        private void Advance()
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) throw new FormatException("A stored record has too few fields.");
        }

        private bool Null()
        {
            Advance();
            return reader.TokenType == JsonTokenType.Null;
        }

        public string Text() => Null() ? "" : reader.GetString() ?? "";
        public string? MaybeText() => Null() ? null : reader.GetString();
        public int Int() => Null() ? 0 : reader.GetInt32();
        public int? MaybeInt() => Null() ? null : reader.GetInt32();
        public long Long() => Null() ? 0 : reader.GetInt64();
        public bool Flag() => !Null() && reader.GetInt32() != 0;
        public DateTimeOffset Instant() => MaybeInstant() ?? throw new FormatException("A stored record lacks an instant it must have.");

        public DateTimeOffset? MaybeInstant()
        {
            if (Null()) return null;
            var ticks = reader.TryGetInt64(out var seconds) ? seconds * TimeSpan.TicksPerSecond : (long)(reader.GetDecimal() * TimeSpan.TicksPerSecond);
            return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + ticks, TimeSpan.Zero);
        }
    }
}
