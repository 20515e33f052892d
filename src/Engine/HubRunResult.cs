using IntegrationHub.Engine.Storage;
using IntegrationHub.Engine.Sync;

namespace IntegrationHub.Engine;

/// <summary>The result of syncing several sources and reconciling: a run record each (null: that run was already in progress).</summary>
public sealed record HubRunResult(IReadOnlyList<(string Source, RunRecord? Run)> Syncs, RunRecord? Reconcile)
{
    public bool Succeeded => Syncs.All(s => s.Run?.Status is Outcomes.Succeeded or Outcomes.Degraded)
        && Reconcile?.Status == Outcomes.Succeeded;
}
