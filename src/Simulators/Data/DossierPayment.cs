using System.Globalization;

namespace IntegrationHub.Simulators.Data;

/// <summary>
/// How a dossier's fee was paid, drawn as part of its lifecycle (<see cref="DossierGenerator.Generate"/>):
/// the fee owed (0 when exempt), the method the province records, its reference, and the
/// transactions the payment platform lists (their dossier code still empty: the caller fills it).
/// </summary>
public sealed record DossierPayment(long Fee, bool Exempt, bool ViaGateway, PayMethod Method, string? Reference, DateTimeOffset PaidAt,
    List<TransactionFacts> Transactions)
{
    /// <summary>Draws from <paramref name="r"/> in the generator's order (it goes on drawing after), and from the payment stream.</summary>
    public static DossierPayment Draw(ref Rng r, long seed, long index, DateTimeOffset received, ProcedureInfo procedure, AgencyInfo agency,
        ChannelKind channel, Outcome outcome, string? plant, bool guaranteed, bool paymentPossible)
    {
        var fee = procedure.Fee;
            // Payment: the province records it shortly after receipt; the platform holds online ones.
            // From a stream of their own: 4 % of applicants owe nothing (exempt), and 15 % of the online
            // payments go through the province's own gateway, whose transactions the portal never sees.
            var extra = new Rng(seed, Streams.Payment, index);
            var exempt = fee > 0 && plant is null && !guaranteed && extra.Chance(0.04);
            var viaGateway = plant is null && !guaranteed && extra.Chance(0.15);
            if (exempt) fee = 0;
            var paidAt = DossierGenerator.Truncate(received + TimeSpan.FromMinutes(1 + r.NextDouble() * 29));
            var method = PayMethod.None;
            string? reference = null;
            var transactions = new List<TransactionFacts>(2);
            var onlineRoll = r.NextDouble();
            var failedAttempt = r.Chance(0.05);
            var methodRoll = r.NextDouble();
            var amountDelta = 1000L * r.Next(1, 50) * (r.Chance(0.5) ? 1 : -1);
            if (fee > 0 && outcome == Outcome.Resolved)
            {
                var online = guaranteed || plant is Rules.PaymentNotRecorded or Rules.PaymentMissingTransaction or Rules.PaymentAmountMismatch
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
        return new DossierPayment(fee, exempt, viaGateway, method, reference, paidAt, transactions);
    }
}
