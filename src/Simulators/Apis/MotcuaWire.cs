using IntegrationHub.Contracts.Motcua;
using IntegrationHub.Simulators.Data;

namespace IntegrationHub.Simulators.Apis;

/// <summary>The case system's dossier as it goes on the wire, from the simulated dossier's facts and its state now.</summary>
public static class MotcuaWire
{
    public static Dossier ToDossier(ProvinceDossierView v)
    {
        var f = v.Facts;
        return new Dossier
        {
            Code = f.Code,
            ProcedureCode = f.Procedure.Code,
            AgencyCode = f.Agency.Code,
            Channel = (Channel)((int)f.Channel - 1),
            SubmittedByStaff = f.SubmittedByStaff,
            ReceivedAt = f.Received,
            DueAt = f.Due,
            Pauses = v.Pauses.Count == 0 ? null : v.Pauses.Select(ToPause).ToList(),
            ResultIssuedAt = v.ResultIssuedAt,
            ReturnedAt = v.ReturnedAt,
            WorkflowClosedAt = v.WorkflowClosedAt,
            Status = v.Status,
            Fee = f.Fee,
            PaymentMethod = (PaymentMethod)(int)v.PaymentMethod,
            PaymentReference = v.PaymentReference,
            FeeExempt = f.FeeExempt,
            PaymentGateway = v.PaymentMethod != PayMethod.Online ? null
                : f.ViaProvincialGateway ? PaymentGateway.ProvincialGateway : PaymentGateway.NationalPlatform,
            PaidAt = v.PaymentMethod == PayMethod.None ? null : f.PaidAt,
            DigitisedInput = f.DigitisedInput,
            DigitisedResult = v.DigitisedResult,
            ApologyLetterIssued = v.ApologyLetterIssued,
            ApologyNewDueAt = v.ApologyLetterIssued ? f.ApologyPromised : null,
            HandlerAccount = f.Handler.Account,
            HandlerName = f.Handler.Name,
            PortalSyncedAt = v.PortalSyncedAt,
            SatisfactionRating = v.SatisfactionRating,
            UpdatedAt = v.UpdatedAt,
        };
    }

    private static Pause ToPause(PauseFacts p) => new()
    {
        Reason = p.Kind == PauseKind.SupplementRequested ? PauseReason.SupplementRequested : PauseReason.FinancialObligation,
        StartedAt = p.Started,
        EndedAt = p.Ended == DateTimeOffset.MaxValue ? null : p.Ended,
    };
}
