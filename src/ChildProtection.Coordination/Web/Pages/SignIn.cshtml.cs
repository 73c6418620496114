using ChildProtection.Coordination.LegalTime;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// The local sign-in: a person of the demo directory. Outside local mode (an OpenID Connect authority is configured) this
/// page does not exist: it answers 404, and the session starts at the authority.
/// </summary>
public sealed class SignInModel(IQuerySession session, IConfiguration configuration, TimeProvider time) : PageModel
{
    public IReadOnlyList<DemoPerson> People { get; private set; } = [];
    public string ReturnUrl { get; private set; } = "/";
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGet(string? returnUrl)
    {
        if (!WebSetup.IsLocal(configuration)) return NotFound();
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        People = await DemoPeople.ListAsync(session, VietnamTime.DateOf(time.GetUtcNow()), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPost([FromForm] string? person, [FromForm] string? returnUrl)
    {
        if (!WebSetup.IsLocal(configuration)) return NotFound();
        People = await DemoPeople.ListAsync(session, VietnamTime.DateOf(time.GetUtcNow()), HttpContext.RequestAborted);
        var chosen = People.FirstOrDefault(p => p.Key == person);
        if (chosen is null)
        {
            Error = Text.T("signin.choose");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var name = $"{chosen.Role} ({chosen.Agency.Id})";
        await HttpContext.SignInAsync(WebSetup.CookieScheme, DemoPeople.Principal(chosen, name));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
