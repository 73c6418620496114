using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Interview;

namespace ChildProtection.Coordination.Tests.Cases.Interview;

/// <summary>POST /interviews/{id}/conduct without the guardian: a 400 naming <c>representative</c> unless the record says who stood in and why.</summary>
public sealed class InterviewGuardianRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    [Fact]
    public async Task an_interview_without_the_guardian_names_who_represented_the_child_and_why()
    {
        var caseId = await Api.Report();
        var interviewId = await Api.InterviewScheduled(caseId);
        var url = $"/api/cases/{caseId}/interviews/{interviewId}/conduct";
        var held = Bodies.Conduct() with { GuardianPresent = false };

        (await (await Api.As(Roles.PoliceOfficer).PostJson(url, held)).ShouldBeInvalid("representative")).Field().ShouldBe("representative");

        await Api.Step(Roles.PoliceOfficer, url, held with { Representative = new("social worker, ctxh-quang-tri", "The step-father, her guardian, is the suspect") });
        var conducted = (await Api.RevealedEvents(caseId)).OfType<InterviewConducted>().Single();
        conducted.Representative!.Reason.ShouldBe("The step-father, her guardian, is the suspect");
    }
}
