namespace IntegrationHub.Engine.Storage;

/// <summary>
/// A citizen's or organisation's feedback (phản ánh, kiến nghị) as the portal lists it: the agency
/// that must answer it, the procedure it names if any, when it arrived, when the answer is due, when
/// it was answered (null while not), whether the answer is published, and the last update.
/// </summary>
public sealed record FeedbackRecord(string Agency, string? Procedure, DateTimeOffset Received, DateTimeOffset Due,
    DateTimeOffset? Answered, bool Published, DateTimeOffset Updated);
