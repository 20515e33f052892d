namespace IntegrationHub.Engine.Reconciliation;

/// <summary>A procedure's flags from a month on ("yyyy-MM"; "" for the values first seen, which hold for every earlier month).</summary>
public sealed record ProcedureFlags(string FromMonth, bool FullOnline, bool OnlinePayment);
