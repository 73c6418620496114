using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Handoffs.Inbox;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Coordination.Web.Pages;

/// <summary>My work: the signed-in agency's inbox (<c>GET /api/inbox</c>), soonest due first, with accept and decline.</summary>
public sealed class IndexModel(IDocumentSession session, TimeProvider time) : PageBase
{
    public InboxPage? Inbox { get; private set; }
    public ApiAnswer? Refused { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The hand-off whose decline was refused, and why: shown beside its reason field.</summary>
    public (Guid HandoffId, ApiAnswer Answer)? Failed { get; private set; }

    public async Task<IActionResult> OnGet(string? done)
    {
        Done = done is "accept" or "decline" ? done : null;
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAccept([FromForm] Guid caseId, [FromForm] Guid handoffId) =>
        Respond(handoffId, "accept", () => RespondToHandoffEndpoints.Accept(caseId, handoffId, new AcceptHandoff(), session, HttpContext));

    public Task<IActionResult> OnPostDecline([FromForm] Guid caseId, [FromForm] Guid handoffId, [FromForm] string? reason) =>
        Respond(handoffId, "decline", () => RespondToHandoffEndpoints.Decline(caseId, handoffId, new DeclineHandoff(reason ?? ""), session, HttpContext));

    private async Task<IActionResult> Respond(Guid handoffId, string done, Func<Task<IResult>> step)
    {
        UseFormIdempotencyKey();
        var answer = RefusedFormField() is { } field
            ? ApiAnswer.Of(Common.Problems.Invalid(HttpContext, field, $"'{field}' holds text the service does not accept."))
            : ApiAnswer.Of(await step());
        Response.Headers.ETag = default;
        if (answer.Succeeded) return LocalRedirect($"/?done={done}");
        Failed = (handoffId, answer);
        Response.StatusCode = answer.Status;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        var answer = ApiAnswer.Of(await GetInboxEndpoints.Mine(session, HttpContext, time, "1", "100"));
        if (answer.Succeeded) Inbox = answer.ValueAs<InboxPage>();
        else Refused = answer;
        await LoadAgenciesAsync(session, Inbox?.Items.Select(i => i.FromAgency) ?? []);
    }
}
