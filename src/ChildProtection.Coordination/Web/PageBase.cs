using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Common;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Coordination.Web;

/// <summary>What every page of the pages needs: who is acting, agency names, and the API's rules for text a form sends.</summary>
public abstract class PageBase : PageModel
{
    public Actor Actor => Actor.From(User) ?? throw new InvalidOperationException("The pages are behind the sign-in.");

    private Dictionary<string, Agency> agencies = [];

    /// <summary>Loads the agencies whose names the page shows, and the caller's own.</summary>
    protected async Task LoadAgenciesAsync(IQuerySession session, IEnumerable<string?> ids)
    {
        var wanted = ids.Append(Actor.Agency).OfType<string>().Distinct().ToArray();
        agencies = (await session.LoadManyAsync<Agency>(HttpContext.RequestAborted, wanted)).ToDictionary(a => a.Id);
        ViewData["AgencyName"] = AgencyName(Actor.Agency);
    }

    public string AgencyName(string? id) =>
        id is not null && agencies.TryGetValue(id, out var a) ? (Text.IsVietnamese ? a.NameVi : a.NameEn ?? a.NameVi) : id ?? "";

    private Dictionary<string, Agencies.Commune> communes = [];

    /// <summary>Loads the communes whose names the page shows (a case names them by code).</summary>
    protected async Task LoadCommunesAsync(IQuerySession session, IEnumerable<string?> codes)
    {
        var wanted = codes.OfType<string>().Distinct().ToArray();
        if (wanted.Length > 0) communes = (await session.LoadManyAsync<Agencies.Commune>(HttpContext.RequestAborted, wanted)).ToDictionary(c => c.Code);
    }

    public string CommuneName(string? code) =>
        code is not null && communes.TryGetValue(code, out var c) ? (Text.IsVietnamese ? c.NameVi : c.NameEn ?? c.NameVi) : code ?? "";

    /// <summary>
    /// The form's text under the rules the API's JSON reader applies (Common/SafeStringConverter.cs): no control
    /// character, lone surrogate or more than 20,000 characters. The name of the first field that breaks them, or null.
    /// </summary>
    protected string? RefusedFormField()
    {
        if (!Request.HasFormContentType) return null;
        foreach (var (name, values) in Request.Form)
            foreach (var value in values)
                if (value is not null && (value.Length > SafeStringConverter.MaxLength || InputGuard.FirstInvalid(value, allowLineBreaks: true) is not null))
                    return name;
        return null;
    }

    /// <summary>Sends the version the form was read at as the API's <c>If-Match</c>: a case that moved on answers 412.</summary>
    protected void PinVersion(long? version)
    {
        if (version is { } v) Request.Headers.IfMatch = Cases.Steps.CaseResponses.ETag(v);
    }

    /// <summary>The form field that carries the key a page form was rendered with.</summary>
    public const string IdempotencyField = "idempotencyKey";

    /// <summary>A fresh key for a form being rendered: a double submit of that form sends it twice.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Sends the key the form was rendered with as the API's <c>Idempotency-Key</c>: a second submit of the same form (a double
    /// click, a resend after a lost answer) replays the first answer and records nothing twice (Cases/Steps/Idempotency.cs).
    /// </summary>
    protected void UseFormIdempotencyKey()
    {
        if (Request.HasFormContentType && Guid.TryParseExact(Request.Form[IdempotencyField].ToString(), "N", out var key))
            Request.Headers[Cases.Steps.IdempotencyKey.Header] = $"page-{key:N}";
    }
}
