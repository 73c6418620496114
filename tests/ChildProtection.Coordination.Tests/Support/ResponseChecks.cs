using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Privacy;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Support;

public static class ResponseChecks
{
    /// <summary>A step answered 200 with a body for this case and an ETag that is the body's version.</summary>
    public static async Task<StepAccepted> ShouldBeAccepted(this HttpResponseMessage response, Guid caseId, HttpStatusCode status = HttpStatusCode.OK)
    {
        await response.ShouldHave(status);
        var body = await response.Read<StepAccepted>();
        body.CaseId.ShouldBe(caseId);
        response.Headers.ETag.ShouldNotBeNull();
        response.Headers.ETag!.Tag.ShouldBe($"\"{body.Version}\"");
        return body;
    }

    /// <summary>A 400 problem that names the field in <c>field</c> or in <c>detail</c>.</summary>
    public static async Task<JsonElement> ShouldBeInvalid(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldHave(HttpStatusCode.BadRequest);
        var named = problem.TryGetProperty("field", out var f) && f.GetString() == field
                    || (problem.TryGetProperty("detail", out var d) && d.GetString()!.Contains(field, StringComparison.OrdinalIgnoreCase));
        named.ShouldBeTrue($"the problem should name '{field}': {problem}");
        return problem;
    }

    public static string? Field(this JsonElement problem) =>
        problem.TryGetProperty("field", out var f) ? f.GetString() : null;

    public static string Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
