using ChildProtection.Coordination.Audit;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>The printable export (<c>GET /api/cases/{id}/export?format=html</c>), opened in the browser to print.</summary>
public sealed class ExportModel(IQuerySession session, IOptions<AuditOptions> options, TimeProvider time) : PageBase
{
    public ApiAnswer? Refused { get; private set; }

    public async Task<IActionResult> OnGet(Guid caseId)
    {
        var result = await ExportCaseEndpoint.Get(caseId, session, HttpContext, options, time, "html");
        var answer = ApiAnswer.Of(result);
        if (answer.Succeeded)
        {
            Response.Headers.ContentDisposition = $"inline; filename=case-{caseId}.html";
            await result.ExecuteAsync(HttpContext);
            return new EmptyResult();
        }
        Refused = answer;
        Response.StatusCode = answer.Status;
        await LoadAgenciesAsync(session, []);
        return Page();
    }
}
