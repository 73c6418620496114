namespace ChildProtection.Coordination.Cases;

// Case events for a child who moves, and for the special circumstances recorded on a case. Like every case event
// they only grow; who recorded them travels as metadata.

/// <summary>
/// The case moves with the child to another commune (and perhaps province), which owns it from now on: its agencies
/// have jurisdiction, open work is re-addressed to them by the pathway (<c>HandoffRerouted</c>), the legal clocks run on.
/// The commune that gave it up keeps read access to the case as it stood at this event (docs/permissions-and-privacy.md).
/// </summary>
public sealed record CaseTransferred(
    Guid CaseId,
    DateTimeOffset TransferredAt,
    string FromCommune,
    string? FromProvince,
    string ToCommune,
    string? ToProvince,
    string Reason);

/// <summary>Xác định trẻ em có hoàn cảnh đặc biệt: the child found to be in one of the groups of Law on Children Art. 10, from a date.</summary>
/// <param name="SealedGroup">As stored, a health-related group is sealed here (and <c>Group</c> is <see cref="SpecialCircumstanceGroup.SealedHealthGroup"/>);
/// sealed the same way each time within a case, so that the group's end finds its start. Null in the clear form.</param>
public sealed record SpecialCircumstanceEstablished(
    Guid CaseId,
    SpecialCircumstanceGroup Group,
    DateOnly EstablishedOn,
    DateTimeOffset RecordedAt,
    string? Basis = null,
    string? SealedGroup = null);

/// <summary>The child no longer in that group, from a date (e.g. a carer found, treatment ended).</summary>
public sealed record SpecialCircumstanceEnded(
    Guid CaseId,
    SpecialCircumstanceGroup Group,
    DateOnly EndedOn,
    DateTimeOffset RecordedAt,
    string Reason,
    string? SealedGroup = null);
