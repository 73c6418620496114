using Marten.Events.Projections;

namespace ChildProtection.Coordination.Agencies;

/// <summary>A name a commune carried from <paramref name="From"/> until its next name, if any.</summary>
public sealed record CommuneName(string NameVi, string? NameEn, DateOnly From);

/// <summary>
/// A commune-level unit (xã / phường / đặc khu) as it was and is: in force from <see cref="ActiveFrom"/>
/// up to, not including, <see cref="ActiveTo"/>; after that <see cref="SuccessorCode"/> answers for its
/// territory. A merged commune is never deleted, so a case opened under its code still resolves.
/// </summary>
public sealed class Commune
{
    public string Code { get; set; } = "";
    /// <summary>The latest recorded name; <see cref="NameOn"/> gives the name in force on a day.</summary>
    public string NameVi { get; set; } = "";
    public string? NameEn { get; set; }
    public string ProvinceCode { get; set; } = "";
    public DateOnly ActiveFrom { get; set; }
    /// <summary>The first day the commune is no longer in force (exclusive end); null while it is.</summary>
    public DateOnly? ActiveTo { get; set; }
    public string? SuccessorCode { get; set; }
    public List<string> PredecessorCodes { get; set; } = [];
    /// <summary>Every name the commune carried, oldest first.</summary>
    public List<CommuneName> Names { get; set; } = [];

    public bool IsActiveOn(DateOnly day) => ActiveFrom <= day && (ActiveTo is null || day < ActiveTo);

    public CommuneName NameOn(DateOnly day) =>
        Names.LastOrDefault(n => n.From <= day) ?? Names.FirstOrDefault() ?? new CommuneName(NameVi, NameEn, ActiveFrom);
}

/// <summary>Builds one <see cref="Commune"/> per code from the jurisdictions stream, inline with the change.</summary>
public partial class CommuneProjection : MultiStreamProjection<Commune, string>
{
    public CommuneProjection()
    {
        Name = "Communes";
        Identity<CommuneEstablished>(e => e.Code);
        Identity<CommuneRenamed>(e => e.Code);
        Identities<CommunesMerged>(e => e.FromCodes.Append(e.IntoCode).Distinct().ToArray());
    }

    public static Commune Create(CommuneEstablished e) => new()
    {
        Code = e.Code, NameVi = e.NameVi, NameEn = e.NameEn, ProvinceCode = e.ProvinceCode, ActiveFrom = e.EffectiveFrom,
        Names = [new CommuneName(e.NameVi, e.NameEn, e.EffectiveFrom)],
    };

    /// <summary>Only the new commune a merger establishes is created by it; the merged ones exist already.</summary>
    public static Commune Create(CommunesMerged e) => new()
    {
        Code = e.IntoCode, NameVi = e.IntoNameVi, NameEn = e.IntoNameEn, ProvinceCode = e.ProvinceCode, ActiveFrom = e.EffectiveFrom,
        PredecessorCodes = e.FromCodes.Where(c => c != e.IntoCode).ToList(),
        Names = [new CommuneName(e.IntoNameVi, e.IntoNameEn, e.EffectiveFrom)],
    };

    public void Apply(CommunesMerged e, Commune c)
    {
        if (c.Code != e.IntoCode)
        {
            c.ActiveTo = e.EffectiveFrom;
            c.SuccessorCode = e.IntoCode;
            return;
        }
        foreach (var from in e.FromCodes.Where(f => f != c.Code && !c.PredecessorCodes.Contains(f))) c.PredecessorCodes.Add(from);
        if (c.NameOn(e.EffectiveFrom).NameVi != e.IntoNameVi) Rename(c, e.IntoNameVi, e.IntoNameEn, e.EffectiveFrom);
    }

    public void Apply(CommuneRenamed e, Commune c) => Rename(c, e.NewNameVi, e.NewNameEn, e.EffectiveFrom);

    private static void Rename(Commune c, string nameVi, string? nameEn, DateOnly from)
    {
        c.Names.Add(new CommuneName(nameVi, nameEn, from));
        c.Names.Sort((a, b) => a.From.CompareTo(b.From));
        var latest = c.Names[^1];
        c.NameVi = latest.NameVi;
        c.NameEn = latest.NameEn;
    }
}
