using IntegrationHub.Engine.Reconciliation;
using IntegrationHub.Engine.Storage;

namespace IntegrationHub.Engine.Tests;

/// <summary>
/// The plan's online dossier rate: of a full-online service's dossiers resolved in the period, those
/// its applicants submitted online (docs/reconciliation.md). The flags are applied when KPIs are
/// published; a dossier only marks what it is.
/// </summary>
public sealed class OnlineRateTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Received = new(2025, 8, 29, 9, 0, 0, Vn);
    private static readonly DateTimeOffset Result = new(2025, 9, 3, 9, 0, 0, Vn);
    private static readonly EvaluationContext Context = new(new DateTimeOffset(2025, 9, 15, 12, 0, 0, Vn), TimeSpan.FromHours(24), new DateTimeOffset(2025, 1, 1, 0, 0, 0, Vn));

    private static ProvinceRecord Dossier(int channel, bool byStaff, DateTimeOffset? result) =>
        new("1.000001", "000.00.01.H10", channel, byStaff, Received, Received.AddDays(10), result, result?.AddHours(1), result?.AddHours(2),
            result is null ? Statuses.InProgress : Statuses.Returned, 0, "None", null, false, false, false, null, null, result ?? Received);

    private static IReadOnlyList<Contribution> Marks(ProvinceRecord p) =>
        DossierEvaluator.Evaluate(new DossierState("D-1", p, null, []), Context).Contributions.Where(c => c.IsActivity).ToList();

    [Fact]
    public void AResolvedDossierTheApplicantSubmittedOnlineIsMarkedInItsResultMonth()
    {
        var marks = Marks(Dossier(Channels.Online, byStaff: false, Result));
        var online = Assert.Single(marks, c => c.Key == Contribution.ResolvedOnlinePrefix + "1.000001");
        Assert.Equal("2025-09", online.Month);
        Assert.Equal("2025-08", Assert.Single(marks, c => c.Key == Contribution.DossierPrefix + "1.000001").Month);
        Assert.Equal(1, online.ActivitySlots()[6]);
    }

    [Fact]
    public void StaffSubmittingOnlineForTheApplicant_OrAnotherChannel_OrNoResultYet_IsNotAnOnlineResolution()
    {
        foreach (var p in new[] { Dossier(Channels.Online, byStaff: true, Result), Dossier(Channels.InPerson, false, Result), Dossier(Channels.Postal, false, Result) })
        {
            var marks = Marks(p);
            Assert.DoesNotContain(marks, c => c.Key.StartsWith(Contribution.ResolvedOnlinePrefix, StringComparison.Ordinal));
            Assert.Single(marks, c => c.Key == Contribution.ResolvedPrefix + "1.000001"); // still resolved: in the denominator
            Assert.False(Assert.Single(marks, c => c.Key == Contribution.DossierPrefix + "1.000001").Hit);
        }
        Assert.DoesNotContain(Marks(Dossier(Channels.Online, false, null)), c => c.Key[0] is 'O' or 'S' or 'Y');
    }
}
