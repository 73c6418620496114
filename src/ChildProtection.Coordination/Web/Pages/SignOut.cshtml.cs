using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>Ends the cookie session (and, in production, the OpenID Connect session at the authority).</summary>
public sealed class SignOutModel(IConfiguration configuration) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPost()
    {
        if (!WebSetup.IsLocal(configuration))
            return SignOut(new AuthenticationProperties { RedirectUri = "/" }, WebSetup.CookieScheme, WebSetup.OidcScheme);
        await HttpContext.SignOutAsync(WebSetup.CookieScheme);
        return LocalRedirect("/signin");
    }
}
