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

        var fee = procedure.Fee;
        var paymentPossible = fee > 0 && procedure.OnlinePayment && procedure.Plant != Rules.PaymentEnabledNoTransaction;

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
        var processing = due - received;
        var pauses = outcome == Outcome.Resolved && guaranteedOrdinal < 0 ? PauseSchedule.Of(options.Seed, index, received, due, fee) : [];
        var effectiveDue = pauses.Count == 0 ? due
            : WorkingDays.SameTimeOn(due, WorkingDays.After(VietnamTime.Date(due), pauses.Sum(PauseSchedule.WorkingDaysHeld)));
        if (pauses.Count > 0 && pauses[^1].Ended >= effectiveDue)
        {
            // A wait ending after the moved due time (a due date planted on a weekend) would make the
            // dossier late by accident, not by plan: no wait for it.
            pauses = [];
            effectiveDue = due;
        }
        var resumed = pauses.Count == 0 ? received : pauses[^1].Ended;
        DateTimeOffset decided;
        DateTimeOffset? returned = null;
        DateTimeOffset closed;
        var lateRoll = r.NextDouble();
        var late = outcome == Outcome.Resolved && guaranteedOrdinal < 0 && (lateRoll < 0.015 || plant is Rules.LateWithoutApology or Rules.ApologyDateMissed);
        var t1 = r.NextDouble();
        var t2 = r.NextDouble();
        var t3 = r.NextDouble();
        if (outcome == Outcome.Resolved)
        {
            decided = late
                ? Truncate(effectiveDue + TimeSpan.FromHours(1 + t1 * 119))
                : Truncate(resumed + (effectiveDue - resumed) * (0.05 + 0.95 * t1));
            if (decided <= resumed) decided = resumed.AddMinutes(1);
            returned = Truncate(decided + TimeSpan.FromHours(t2 * 48));
            closed = Truncate(returned.Value + TimeSpan.FromMinutes(1 + t3 * 119));
            if (plant == Rules.ClosedBeforeResult)
            {
                var room = Math.Min(48 * 60, (decided - received).TotalMinutes - 2);
                closed = Truncate(decided - TimeSpan.FromMinutes(1 + t3 * Math.Max(0, room - 1)));
            }
        }
        else
        {
            var end = outcome == Outcome.Rejected ? TimeSpan.FromHours(1 + t1 * 23) : processing * (0.1 + 0.8 * t1);
            decided = Truncate(received + end);
            // Its workflow closes a minute after the decision, and that close is when the dossier ended:
            // a rejection within a day of a one-day procedure still ends before the due time.
            if (decided.AddMinutes(1) > due) decided = Truncate(due.AddMinutes(-2));
            if (decided <= received) decided = received.AddMinutes(1);
            closed = decided.AddMinutes(1);
        }

        // Payment: the province records it shortly after receipt; the platform holds online ones.
        // From a stream of their own: 4 % of applicants owe nothing (exempt), and 15 % of the online
        // payments go through the province's own gateway, whose transactions the portal never sees.
        var extra = new Rng(options.Seed, Streams.Payment, index);
        var exempt = fee > 0 && plant is null && guaranteedOrdinal < 0 && extra.Chance(0.04);
        var viaGateway = plant is null && guaranteedOrdinal < 0 && extra.Chance(0.15);
        if (exempt) fee = 0;
        var paidAt = Truncate(received + TimeSpan.FromMinutes(1 + r.NextDouble() * 29));
        var method = PayMethod.None;
        string? reference = null;
        var transactions = new List<TransactionFacts>(2);
        var onlineRoll = r.NextDouble();
        var failedAttempt = r.Chance(0.05);
        var methodRoll = r.NextDouble();
        var amountDelta = 1000L * r.Next(1, 50) * (r.Chance(0.5) ? 1 : -1);
        if (fee > 0 && outcome == Outcome.Resolved)
        {
            var online = guaranteedOrdinal >= 0 || plant is Rules.PaymentNotRecorded or Rules.PaymentMissingTransaction or Rules.PaymentAmountMismatch
                || (paymentPossible && onlineRoll < (channel == ChannelKind.Online ? 0.7 : 0.2));
            var txId = $"GD{received.ToVietnam():yyMMdd}{index:D9}";
            if (online && viaGateway)
            {
                method = PayMethod.Online;
                reference = $"CT{received.ToVietnam():yyMMdd}{index:D9}";
            }
            else if (online)
            {
                viaGateway = false;
                method = plant == Rules.PaymentNotRecorded ? (methodRoll < 0.5 ? PayMethod.Cash : PayMethod.BankTransfer) : PayMethod.Online;
                reference = method == PayMethod.Online ? txId + "1" : null;
                if (failedAttempt || plant == Rules.PaymentMissingTransaction && methodRoll < 0.5)
                {
                    transactions.Add(new TransactionFacts(txId + "0", "", procedure.Code, agency.Code, fee, 1, paidAt.AddMinutes(-2)));
                }
                if (plant != Rules.PaymentMissingTransaction)
                {
                    var amount = fee;
                    if (plant == Rules.PaymentAmountMismatch)
                    {
                        amount = Math.Max(1000, fee + amountDelta);
                        if (amount == fee) amount = fee + 1000;
                    }
                    if (index % 10 == 3 && amount >= 2000 && plant != Rules.PaymentNotRecorded)
                    {
                        // Some fees are paid in two transactions (a fee and a charge, or instalments),
                        // listed in either order: the dossier's payments are their sum.
                        var part = 1000 * (amount / 2000);
                        var main = new TransactionFacts(txId + "1", "", procedure.Code, agency.Code, part, 0, paidAt);
                        var rest = new TransactionFacts(txId + "2", "", procedure.Code, agency.Code, amount - part, 0, paidAt.AddMinutes(5));
                        transactions.AddRange(index % 20 == 3 ? [rest, main] : [main, rest]);
                    }
                    else
                    {
                        transactions.Add(new TransactionFacts(txId + "1", "", procedure.Code, agency.Code, amount, 0, paidAt));
                    }
                }
            }
            else
            {
                method = methodRoll < 0.5 ? PayMethod.Cash : PayMethod.BankTransfer;
            }
        }
        viaGateway &= method == PayMethod.Online;

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
