namespace ChildProtection.Coordination.Agencies;

/// <summary>A commune-level unit (xã, phường or đặc khu) comes into being on <paramref name="EffectiveFrom"/>.</summary>
public sealed record CommuneEstablished(string Code, string NameVi, string? NameEn, string ProvinceCode, DateOnly EffectiveFrom);

/// <summary>
/// Sắp xếp đơn vị hành chính: the communes <paramref name="FromCodes"/> cease on <paramref name="EffectiveFrom"/> and
/// <paramref name="IntoCode"/> answers for their territory from that day. <paramref name="IntoCode"/> is either new
/// (established by this merger) or an existing commune that absorbs the others; it may appear in
/// <paramref name="FromCodes"/> when it keeps its code.
/// </summary>
public sealed record CommunesMerged(
    string[] FromCodes, string IntoCode, string IntoNameVi, DateOnly EffectiveFrom,
    string? IntoNameEn, string ProvinceCode, string? LegalBasis);

/// <summary>A commune takes a new name on <paramref name="EffectiveFrom"/>; its code and territory stay.</summary>
public sealed record CommuneRenamed(string Code, string NewNameVi, DateOnly EffectiveFrom, string? NewNameEn);

/// <summary>
/// The write model of the one jurisdictions stream: nothing but its version. Every change to the
/// administrative map is appended with <c>FetchForWriting</c> on this stream, so two changes decided
/// on the same state cannot both commit.
/// </summary>
/// <remarks>
/// Why one stream for the whole country rather than one per province: a merger is one fact about
/// several communes and must be decided and recorded atomically against all of them, and commune codes
/// are unique nationally (a merger stays within one province; the decision checks that). One totally ordered stream gives
/// both with plain optimistic concurrency. Changes are rare and made by administrators, so the single
/// stream costs no contention worth having, and replaying it up to a date gives the map as it was then.
/// </remarks>
public sealed class JurisdictionLedger
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public int Changes { get; set; }

    public void Apply(CommuneEstablished e) => Changes++;
    public void Apply(CommunesMerged e) => Changes++;
    public void Apply(CommuneRenamed e) => Changes++;
}
