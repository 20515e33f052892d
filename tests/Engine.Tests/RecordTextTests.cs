using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>The compact text a dossier row keeps its records in: every field back, exactly.</summary>
public sealed class RecordTextTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(7));

    [Fact]
    public void AProvinceRecordComesBackFieldForField_EveryTickAndNullKept()
    {
        var record = new ProvinceRecord("1.001002", "000.00.01.H38 \"Sở\"\t\\", 2, true, At, At.AddDays(5), At.AddTicks(1234567), null,
            At.AddMilliseconds(1), 4, 6_000_000_000L, "Online", null, true, false, true, null, 5, At.AddTicks(-1));
        var text = RecordText.Write(record);
        var back = RecordText.ReadProvince(text);
        // DateTimeOffset equality is by instant: the record compares equal field for field.
        Assert.Equal(record, back);
        Assert.Equal(record.Received.UtcTicks, back.Received.UtcTicks);
        Assert.Equal(record.Result!.Value.UtcTicks, back.Result!.Value.UtcTicks);
        Assert.Equal(record.Closed!.Value.UtcTicks, back.Closed!.Value.UtcTicks);
        Assert.Equal(record.Updated.UtcTicks, back.Updated.UtcTicks);
        Assert.Null(back.Returned);
        Assert.Null(back.PayRef);
        Assert.Null(back.Synced);
        Assert.Equal((record.Procedure, record.Agency, record.Channel, record.ByStaff, record.Status, record.Fee, record.PayMethod),
            (back.Procedure, back.Agency, back.Channel, back.ByStaff, back.Status, back.Fee, back.PayMethod));
        Assert.Equal((true, false, true, (int?)5), (back.DigitisedInput, back.DigitisedResult, back.Apology, back.Rating));
    }

    [Fact]
    public void PausesAndPaymentFieldsComeBack_AndARecordOfTheFirstFormatReadsAsWithoutThem()
    {
        var record = new ProvinceRecord("1.001002", "000.00.01.H38", 1, false, At, At.AddDays(5), null, null, null, 5, 0, "None", null,
            false, false, false, null, null, At.AddDays(2))
        {
            Pauses =
            [
                new PauseRecord(Contracts.Motcua.PauseReason.SupplementRequested, At.AddDays(1), At.AddDays(1).AddTicks(5)),
                new PauseRecord(Contracts.Motcua.PauseReason.FinancialObligation, At.AddDays(2), null),
            ],
            FeeExempt = true, ViaProvincialGateway = true, PaidAt = At.AddTicks(3), Handler = "000.00.01.H38.cb01", HandlerName = "Nguyễn Thị \"Lan\"",
        };
        var back = RecordText.ReadProvince(RecordText.Write(record));
        Assert.Equal(record.Pauses, back.Pauses);
        Assert.Equal(record with { Pauses = [] }, back with { Pauses = [] });
        Assert.Equal(record.PaidAt!.Value.UtcTicks, back.PaidAt!.Value.UtcTicks);

        Assert.Equal((record.Handler, record.HandlerName), (back.Handler, back.HandlerName));

        var text = RecordText.Write(record with { Pauses = [], FeeExempt = false, ViaProvincialGateway = false, PaidAt = null, Handler = null, HandlerName = null });
        const string Later = ",null,0,0,null,null,null,null]";
        Assert.EndsWith(",1751475599" + Later, text); // the update time, the last field of the first format, then what later ones added
        var old = RecordText.ReadProvince(text.Replace("[5,", "[1,")[..^Later.Length] + "]");
        Assert.Equal((0, false, false, (DateTimeOffset?)null, (string?)null), (old.Pauses.Count, old.FeeExempt, old.ViaProvincialGateway, old.PaidAt, old.Handler));
        Assert.Equal(record.Updated, old.Updated);
    }

    [Fact]
    public void APortalRecordComesBack_AndIsAThirdOfItsNamedJson()
    {
        var record = new PortalRecord("1.001002", "000.00.01.H38", 2, At, At.AddDays(5), At.AddDays(4), 4, At.AddDays(4));
        var text = RecordText.Write(record);
        var back = RecordText.ReadPortal(text);
        Assert.Equal(record, back);
        var named = System.Text.Json.JsonSerializer.Serialize(record);
        Assert.True(text.Length * 2 < named.Length, $"{text.Length} characters against {named.Length}");
    }

    [Theory]
    [InlineData("[9,\"1.001\",\"A\",2,1700000000,1700000000,null,4,1700000000]")]
    [InlineData("[1,\"1.001\",\"A\"]")]
    [InlineData("{\"procedure\":\"1.001\"}")]
    public void TextOfAnotherFormatOrCutShortIsRefused(string text)
    {
        Assert.Throws<FormatException>(() => RecordText.ReadPortal(text));
    }

    [Fact]
    public void AFeedbackRecordRoundTrips()
    {
        var record = new FeedbackRecord("000.00.01.H10", null, VietnamTime.At(2025, 8, 20, 9), VietnamTime.At(2025, 9, 4, 9),
            VietnamTime.At(2025, 9, 1, 14, 30).AddTicks(5), true, VietnamTime.At(2025, 9, 2));
        Assert.Equal(record, RecordText.ReadFeedback(RecordText.Write(record)));
        var unanswered = record with { Procedure = "1.000001", Answered = null, Published = false };
        Assert.Equal(unanswered, RecordText.ReadFeedback(RecordText.Write(unanswered)));
    }

    [Fact]
    public void TheApologysNewDateComesBack_AndAVersion4RecordReadsAsWithoutOne()
    {
        var record = new ProvinceRecord("1.001002", "000.00.01.H38", 1, false, At, At.AddDays(5), null, null, null, 4, 0, "None", null,
            false, false, true, null, null, At.AddDays(6)) { Handler = "cb01", ApologyDue = At.AddDays(9).AddTicks(3) };
        Assert.Equal(record, RecordText.ReadProvince(RecordText.Write(record)));
        // The same record as version 4 wrote it: everything but the last field.
        var text = RecordText.Write(record);
        var v4 = "[4" + text[2..text.LastIndexOf(',')] + "]";
        Assert.Equal(record with { ApologyDue = null }, RecordText.ReadProvince(v4));
    }
}
