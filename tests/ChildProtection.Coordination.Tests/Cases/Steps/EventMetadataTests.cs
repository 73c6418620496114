using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using JasperFx.Events;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>Who recorded each event (user, agency, role) and which request did (correlation id).</summary>
public sealed class EventMetadataTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private sealed record Expected(string User, string Agency, string Role, string CorrelationId);

    private static string Header(IEvent e, string name) => e.Headers![name]?.ToString() ?? "";

    private static void ShouldBeRecordedBy(IEvent e, Expected expected)
    {
        Header(e, EventHeaders.UserId).ShouldBe(expected.User, e.EventTypeName);
        Header(e, EventHeaders.Agency).ShouldBe(expected.Agency, e.EventTypeName);
        Header(e, EventHeaders.Role).ShouldBe(expected.Role, e.EventTypeName);
        Header(e, EventHeaders.UserName).ShouldBe($"Name of {expected.User}", e.EventTypeName);
        e.CorrelationId.ShouldBe(expected.CorrelationId, e.EventTypeName);
    }

    [Fact]
    public async Task every_event_of_a_case_records_who_took_the_step_and_the_requests_correlation_id()
    {
        var expected = new List<Expected>();

        async Task<HttpResponseMessage> Act(string role, string user, string url, object body, HttpStatusCode status)
        {
            var response = await App.Client(role, RoleAgencies.Of(role), user).PostJson(url, body);
            await response.ShouldHave(status);
            expected.Add(new Expected(user, RoleAgencies.Of(role), role, response.Headers.GetValues(Correlation.Header).Single()));
            return response;
        }

        var reported = await Act(Roles.HotlineOperator, "op-lan", "/api/cases", Bodies.Report(harm: [HarmForm.SexualAbuse]), HttpStatusCode.Created);
        var caseId = (await reported.Read<StepAccepted>()).CaseId;
        var cases = $"/api/cases/{caseId}";
        await Act(Roles.PoliceOfficer, "police-hung", $"{cases}/crime-report", Bodies.CrimeReport(), HttpStatusCode.OK);
        await Act(Roles.HealthWorker, "nurse-thu", $"{cases}/verification", Bodies.Verify(), HttpStatusCode.OK);
        await Act(Roles.CommuneOfficer, "officer-minh", $"{cases}/risk-assessment", Bodies.Risk(emergency: true), HttpStatusCode.OK);
        var order = await (await Act(Roles.CommuneChair, "chair-ha", $"{cases}/emergency-protection", Bodies.Order(), HttpStatusCode.OK)).Read<StepAccepted>();
        await Act(Roles.CommuneChair, "chair-ha", $"{cases}/emergency-protection/{order.Id}/extend", Bodies.Extend(), HttpStatusCode.OK);
        await Act(Roles.SocialWorker, "social-ngoc", $"{cases}/detailed-assessment", Bodies.Needs(), HttpStatusCode.OK);
        var plan = await (await Act(Roles.CommuneOfficer, "officer-minh", $"{cases}/plan", Bodies.Plan(), HttpStatusCode.OK)).Read<StepAccepted>();
        await Act(Roles.CommuneChair, "chair-ha", $"{cases}/plan/approval", Bodies.Approve(plan.Id!.Value), HttpStatusCode.OK);
        var exam = await (await Act(Roles.HealthWorker, "nurse-thu", $"{cases}/medical-exams", Bodies.RequestExam(), HttpStatusCode.OK)).Read<StepAccepted>();
        await Act(Roles.HealthWorker, "doctor-binh", $"{cases}/medical-exams/{exam.Id}/complete", Bodies.RecordExam(), HttpStatusCode.OK);
        var interview = await (await Act(Roles.PoliceOfficer, "police-hung", $"{cases}/interviews", Bodies.Interview(), HttpStatusCode.OK)).Read<StepAccepted>();
        await Act(Roles.PoliceOfficer, "police-hung", $"{cases}/interviews/{interview.Id}/conduct", Bodies.Conduct(), HttpStatusCode.OK);
        await Act(Roles.HealthWorker, "nurse-thu", $"{cases}/psychosocial-support", Bodies.Psychosocial(), HttpStatusCode.OK);
        await Act(Roles.SocialWorker, "social-ngoc", $"{cases}/legal-aid", Bodies.LegalAid(), HttpStatusCode.OK);
        await Act(Roles.EducationOfficer, "teacher-vy", $"{cases}/school-reintegration", Bodies.SchoolPlan(), HttpStatusCode.OK);
        await Act(Roles.EducationOfficer, "teacher-vy", $"{cases}/school-reintegration/complete", Bodies.SchoolComplete(), HttpStatusCode.OK);
        await Act(Roles.CommuneChair, "chair-ha", $"{cases}/emergency-protection/{order.Id}/end", Bodies.EndOrder(), HttpStatusCode.OK);
        await Act(Roles.CommuneOfficer, "officer-minh", $"{cases}/reviews", Bodies.Review(), HttpStatusCode.OK);
        await Act(Roles.CommuneChair, "chair-ha", $"{cases}/closure", Bodies.Close(), HttpStatusCode.OK);
        await Act(Roles.CommuneOfficer, "officer-minh", $"{cases}/reopening", Bodies.Reopen(), HttpStatusCode.OK);

        var events = await Api.Events(caseId);
        events.Count.ShouldBe(expected.Count);
        for (var i = 0; i < events.Count; i++) ShouldBeRecordedBy(events[i], expected[i]);
        expected.Select(e => e.CorrelationId).Distinct().Count().ShouldBe(expected.Count);
    }

    [Fact]
    public async Task a_callers_correlation_id_is_echoed_and_carried_by_the_report()
    {
        var response = await Api.As(Roles.HotlineOperator).PostJson("/api/cases", Bodies.Report(), (Correlation.Header, "abc-123"));

        await response.ShouldHave(HttpStatusCode.Created);
        response.Headers.GetValues(Correlation.Header).ShouldBe(["abc-123"]);
        var caseId = (await response.Read<StepAccepted>()).CaseId;
        ShouldBeRecordedBy((await Api.Events(caseId)).Single(),
            new Expected($"user-{Roles.HotlineOperator}", "hotline-111", Roles.HotlineOperator, "abc-123"));
    }

    [Fact]
    public async Task a_callers_correlation_id_is_echoed_and_carried_by_a_step()
    {
        var caseId = await Api.Report();

        var response = await Api.As(Roles.CommuneChair).PostJson($"/api/cases/{caseId}/emergency-protection", Bodies.Order(), (Correlation.Header, "abc-123"));

        await response.ShouldBeAccepted(caseId);
        response.Headers.GetValues(Correlation.Header).ShouldBe(["abc-123"]);
        var ordered = (await Api.Events(caseId))[^1];
        ordered.Data.ShouldBeOfType<EmergencyProtectionOrdered>();
        ShouldBeRecordedBy(ordered, new Expected($"user-{Roles.CommuneChair}", "ubnd-dong-hoi", Roles.CommuneChair, "abc-123"));
        (await Api.Events(caseId))[0].CorrelationId.ShouldNotBe("abc-123");
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("semi;colon")]
    [InlineData("65")]
    public async Task a_malformed_correlation_id_is_replaced_by_one_the_service_makes_and_that_one_is_recorded(string given)
    {
        if (given == "65") given = new string('c', 65);
        var caseId = await Api.Report();

        var response = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), (Correlation.Header, given));

        await response.ShouldBeAccepted(caseId);
        var used = response.Headers.GetValues(Correlation.Header).Single();
        used.ShouldNotBe(given);
        used.ShouldMatch("^[A-Za-z0-9._:-]{1,64}$");
        (await Api.Events(caseId))[^1].CorrelationId.ShouldBe(used);
    }

    [Fact]
    public async Task a_correlation_id_is_echoed_on_refusals_too()
    {
        var response = await Api.As(Roles.Auditor).PostJson("/api/cases", Bodies.Report(), (Correlation.Header, "audit-77"));

        var problem = await response.ShouldHave(HttpStatusCode.Forbidden);
        response.Headers.GetValues(Correlation.Header).ShouldBe(["audit-77"]);
        problem.GetProperty("correlationId").GetString().ShouldBe("audit-77");
    }

    [Fact]
    public async Task a_replayed_request_records_nothing_new()
    {
        var caseId = await Api.Report();
        var officer = Api.As(Roles.CommuneOfficer, "officer-1");
        await officer.PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(), ("Idempotency-Key", "k-1"), (Correlation.Header, "first"));

        var again = await Api.As(Roles.CommuneOfficer, "officer-1").PostJson($"/api/cases/{caseId}/verification", Bodies.Verify(),
            ("Idempotency-Key", "k-1"), (Correlation.Header, "second"));

        again.Headers.GetValues(Correlation.Header).ShouldBe(["second"]);
        var events = await Api.Events(caseId);
        events.Count.ShouldBe(2);
        events[^1].CorrelationId.ShouldBe("first");
    }
}
