using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>
/// What a browser gets for an address the service has no page for (and any other bare error status outside the API): an HTML
/// page in the reader's language with the status kept, instead of the API's JSON problem (Web/WebSetup.cs, UseBrowserErrorPages).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public async Task<IActionResult> OnGet(int status)
    {
        Status = status is >= 400 and <= 599 ? status : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        // Signed in or not, the page is open; the header shows who is signed in when the session cookie says so.
        if (await HttpContext.AuthenticateAsync(WebSetup.CookieScheme) is { Succeeded: true } session) HttpContext.User = session.Principal!;
        return Page();
    }

    /// <summary>A form posted to an address that does not exist is answered alike.</summary>
    public Task<IActionResult> OnPost(int status) => OnGet(status);
}
