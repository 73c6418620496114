using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChildProtection.Coordination.Agencies;
using Marten;
using Microsoft.AspNetCore.Html;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// The agencies a form that names one offers by name (hand work on, a planning meeting's participants, where a report was
/// referred): one <c>&lt;datalist&gt;</c> on the case page that those inputs share, so it works without JavaScript and any
/// other agency's id may still be typed — the input posts the id and the API decides exactly as it would. The agencies in
/// service other than the caller's own (the API refuses handing work to oneself): those of the case's communes first, then
/// the province's own, then the national ones, then the province's other communes, by kind and name. At most
/// <see cref="Limit"/>, so the case page stays well under 150 KB with a country's directory (a province of 168 communes
/// holds a thousand agencies): the province's far communes are the ones left to typing.
/// </summary>
public static class AgencyChoices
{
    public const int Limit = 300;

    /// <summary>The id every input naming an agency points its <c>list</c> at.</summary>
    public const string ListId = "agency-choices";

    /// <summary>The agencies the caller may read among the directory's, near the case first (see the type's summary).</summary>
    public static IReadOnlyList<Agency> Rank(IEnumerable<Agency> agencies, IReadOnlyCollection<string> caseCommunes, string? province,
        string callerAgency, DateOnly today) =>
        agencies.Where(a => a.IsActiveOn(today) && a.Id != callerAgency)
            .Select(a => (a, rank: a.CommuneCode is { } c && caseCommunes.Contains(c) ? 0
                : a.CommuneCode is null && a.ProvinceCode is not null && a.ProvinceCode == province ? 1
                : a.ProvinceCode is null ? 2
                : a.ProvinceCode == province ? 3 : 4))
            .Where(x => x.rank < 4)
            .OrderBy(x => x.rank).ThenBy(x => x.a.CommuneCode ?? "", StringComparer.Ordinal).ThenBy(x => x.a.Kind)
            .ThenBy(x => x.a.NameVi, StringComparer.Ordinal)
            .Take(Limit).Select(x => x.a).ToList();

    /// <summary>The choices for a case of <paramref name="province"/> whose communes are <paramref name="caseCommunes"/>, read from the directory.</summary>
    public static async Task<IReadOnlyList<Agency>> ForCaseAsync(IQuerySession session, IReadOnlyCollection<string> caseCommunes, string? province,
        string callerAgency, DateOnly today, CancellationToken ct)
    {
        var communes = caseCommunes.ToArray();
        var near = await session.Query<Agency>()
            .Where(a => a.ProvinceCode == province || a.ProvinceCode == null || communes.Contains(a.CommuneCode!))
            .ToListAsync(ct);
        return Rank(near, caseCommunes, province, callerAgency, today);
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The shared datalist: each agency's id as the value, its name in the reader's language as the label.</summary>
    public static IHtmlContent Datalist(IEnumerable<Agency> agencies, bool vietnamese)
    {
        var html = new StringBuilder($"<datalist id=\"{ListId}\">");
        foreach (var a in agencies)
            html.Append("<option value=\"").Append(Encoder.Encode(a.Id)).Append("\">")
                .Append(Encoder.Encode(vietnamese ? a.NameVi : a.NameEn ?? a.NameVi)).Append("</option>");
        return new HtmlString(html.Append("</datalist>").ToString());
    }
}
