using System.Globalization;

namespace IntegrationHub.Simulators.Data;

/// <summary>Computes dossiers from (seed, index); what each system shows of them at an instant is <see cref="DossierViews"/>.</summary>
public sealed class DossierGenerator
{
    /// <summary>No event of a dossier happens later than this after its receipt (bounds every time-window scan).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(60);

    /// <summary>A payment happens at most this long after receipt.</summary>
    public static readonly TimeSpan MaxPaymentDelay = TimeSpan.FromHours(1);

    private readonly SimulatorOptions options;
    private readonly Province province;
    private readonly long slotTicks;
    private readonly int guaranteedStride;
    private readonly Staff staff;

    public DossierGenerator(SimulatorOptions options, Province province)
    {
        this.options = options;
        this.province = province;
        slotTicks = (options.InitialNow - options.DataStart).Ticks / options.Dossiers;
        var guaranteed = province.GuaranteedPaymentProcedures.Count;
        if (guaranteed > 0 && options.Dossiers < 2 * (guaranteed + 1))
        {
            throw new ArgumentException(
                $"--dossiers must be at least {2 * (guaranteed + 1)} so that each of the {guaranteed} payment-enabled procedures gets an online payment; lower --procedures or raise --dossiers.");
        }
        guaranteedStride = options.Dossiers / (guaranteed + 1);
        staff = new Staff(options.Seed, province.Agencies);
        Feedback = new CitizenFeedback(province, options);
    }

    /// <summary>The portal's citizens' feedback, beside the dossiers.</summary>
    public CitizenFeedback Feedback { get; }

    public Province Province => province;
    public SimulatorOptions Options => options;

    /// <summary>The lowest index whose receipt can be at or after <paramref name="time"/>.</summary>
    public long FirstIndexAtOrAfter(DateTimeOffset time)
    {
        var ticks = (time - options.DataStart).Ticks;
        if (ticks <= 0) return 0;
        return Math.Max(0, ticks / slotTicks - 1);
    }

    /// <summary>One past the highest index received at or before <paramref name="now"/>.</summary>
    public long VisibleCount(DateTimeOffset now)
    {
        var ticks = (now - options.DataStart).Ticks;
        if (ticks < 0) return 0;
        var candidate = ticks / slotTicks + 1;
        while (candidate > 0 && Generate(candidate - 1).Received > now) candidate--;
        return candidate;
    }

    public DossierFacts Generate(long index)
    {
        var r = new Rng(options.Seed, Streams.Dossier, index);
        var received = Truncate(options.DataStart.AddTicks(index * slotTicks + (long)(r.NextDouble() * slotTicks)));
        var day = VietnamTime.Date(received);

        var guaranteedOrdinal = GuaranteedOrdinal(index);
        var procedures = province.DossierProcedures;
        var procedure = guaranteedOrdinal >= 0
            ? province.GuaranteedPaymentProcedures[guaranteedOrdinal]
            : procedures[(int)(Math.Pow(r.NextDouble(), 1.6) * procedures.Count)]; // popular procedures first
        var receivers = province.ReceiversOn(procedure, day);
        var agency = receivers[r.Next(receivers.Count)];

        var channelRoll = r.NextDouble();
        var channel = procedure.FullOnline
            ? channelRoll < 0.6 ? ChannelKind.Online : channelRoll < 0.95 ? ChannelKind.InPerson : ChannelKind.Postal
            : channelRoll < 0.15 ? ChannelKind.Online : channelRoll < 0.95 ? ChannelKind.InPerson : ChannelKind.Postal;
        var outcomeRoll = r.NextDouble();
        var outcome = outcomeRoll < 0.02 ? Outcome.Rejected : outcomeRoll < 0.03 ? Outcome.Withdrawn : outcomeRoll < 0.04 ? Outcome.Stopped : Outcome.Resolved;
        if (guaranteedOrdinal >= 0)
        {
            channel = ChannelKind.Online;
            outcome = Outcome.Resolved;
        }

        var paymentPossible = procedure.Fee > 0 && procedure.OnlinePayment && procedure.Plant != Rules.PaymentEnabledNoTransaction;

        // Choose the planted discrepancy first: it shapes the lifecycle below.
        string? plant = null;
        var plantRoll = r.NextDouble();
        var plantPick = r.NextDouble();
        if (guaranteedOrdinal < 0 && plantRoll < options.PlantRate) plant = DossierPlants.Pick(plantPick, outcome == Outcome.Resolved, paymentPossible);
        var byStaff = false;
        if (plant == Rules.OnlineSubmittedByStaff)
        {
            channel = ChannelKind.Online;
            byStaff = true;
        }

        var due = WorkingDays.SameTimeOn(received, WorkingDays.After(day, procedure.ProcessingDays));
        if (plant == Rules.DueDateMismatch)
        {
            // Set in calendar days, as if weekends and holidays were worked (a day more when that lands on the right day).
            var calendar = received.AddDays(procedure.ProcessingDays);
            due = VietnamTime.Date(calendar) != VietnamTime.Date(due) ? calendar : calendar.AddDays(1);
        }
        var pauses = outcome == Outcome.Resolved && guaranteedOrdinal < 0 ? PauseSchedule.Of(options.Seed, index, received, due, procedure.Fee) : [];
        var effectiveDue = pauses.Count == 0 ? due
            : WorkingDays.SameTimeOn(due, WorkingDays.After(VietnamTime.Date(due), pauses.Sum(PauseSchedule.WorkingDaysHeld)));
        if (pauses.Count > 0 && pauses[^1].Ended >= effectiveDue)
        {
            // A wait ending after the moved due time (a due date planted on a weekend) would make the
            // dossier late by accident, not by plan: no wait for it.
            pauses = [];
            effectiveDue = due;
        }
        var (late, decided, returned, closed) = DossierTimeline.Draw(ref r, received, due, effectiveDue, pauses, outcome, plant, guaranteedOrdinal >= 0);

        var payment = DossierPayment.Draw(ref r, options.Seed, index, received, procedure, agency, channel, outcome, plant, guaranteedOrdinal >= 0, paymentPossible);
        var (fee, exempt, viaGateway, method, reference, paidAt, transactions) = payment;

        var code = string.Create(CultureInfo.InvariantCulture, $"{agency.Code}-{received.ToVietnam():yyMMdd}-{index:D7}");
        if (plant == Rules.PaymentUnknownDossier)
        {
            transactions.Add(new TransactionFacts($"GD{received.ToVietnam():yyMMdd}{index:D9}9", code + "-X", procedure.Code,
                agency.Code, fee, 0, paidAt.AddMinutes(3)));
        }
        for (var k = 0; k < transactions.Count; k++)
        {
            if (transactions[k].DossierCode.Length == 0) transactions[k] = transactions[k] with { DossierCode = code };
        }

        var digitisationRate = agency.Level switch { Level.Commune => 0.2, Level.District => 0.25, _ => 0.4 };
        var digitisedInput = r.Chance(digitisationRate);
        var digitisedResult = outcome == Outcome.Resolved && (digitisedInput ? r.Chance(0.85) : r.Chance(0.1));
        int? rating = null;
        DateTimeOffset? ratedAt = null;
        if (returned is not null && r.Chance(0.3))
        {
            rating = r.NextDouble() < 0.05 ? r.Next(1, 3) : r.Next(3, 6);
            ratedAt = Truncate(returned.Value + TimeSpan.FromHours(1 + r.NextDouble() * 23));
        }

        return new DossierFacts
        {
            Index = index,
            Code = code,
            Procedure = procedure,
            Agency = agency,
            Channel = channel,
            SubmittedByStaff = byStaff,
            Received = received,
            Due = due,
            Pauses = pauses,
            EffectiveDue = effectiveDue,
            Outcome = outcome,
            Decided = decided,
            Returned = returned,
            Closed = closed,
            ApologyIssued = late && plant != Rules.LateWithoutApology,
            // The letter promises a new date: a day after the latest a late decision comes, or, planted, before it came.
            ApologyPromised = late && plant != Rules.LateWithoutApology
                ? Truncate(plant == Rules.ApologyDateMissed ? effectiveDue + (decided - effectiveDue) / 2 : effectiveDue + TimeSpan.FromDays(6))
                : null,
            Handler = staff.Pick(agency, new Rng(options.Seed, Streams.Handler, index).NextDouble()),
            Fee = fee,
            FeeExempt = exempt,
            ViaProvincialGateway = viaGateway,
            ProvinceMethod = method,
            PaymentReference = reference,
            PaidAt = paidAt,
            Transactions = transactions,
            DigitisedInput = digitisedInput,
            DigitisedResult = digitisedResult,
            Rating = rating,
            RatedAt = ratedAt,
            PortalLag = TimeSpan.FromMinutes(1 + r.Next(119)),
            OnPortal = plant != Rules.DossierNotOnPortal,
            PortalStatusFrozen = plant == Rules.DossierStatusMismatch,
            GhostCode = plant == Rules.DossierUnknownToProvince ? code + "-P" : null,
            Plant = plant,
        };
    }

    /// <summary>The ordinal of the payment-enabled procedure this index guarantees a payment for, or -1.</summary>
    private int GuaranteedOrdinal(long index)
    {
        var count = province.GuaranteedPaymentProcedures.Count;
        if (count == 0 || index % guaranteedStride != 0) return -1;
        var ordinal = index / guaranteedStride;
        return ordinal < count ? (int)ordinal : -1;
    }

    /// <summary>Finds the index a dossier code names, if the code is one this province issued.</summary>
    public bool TryParseCode(string? code, DateTimeOffset now, out DossierFacts facts)
    {
        facts = null!;
        if (string.IsNullOrEmpty(code) || code.Length > 64) return false;
        var dash = code.LastIndexOf('-');
        if (dash < 0 || !long.TryParse(code.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return false;
        if (index >= VisibleCount(now)) return false;
        facts = Generate(index);
        return facts.Code == code;
    }

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new DateTimeOffset(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset).ToVietnam();
}
