using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Common;
using static ChildProtection.Coordination.Tests.Support.History;

namespace ChildProtection.Coordination.Tests.Cases.Interview;

/// <summary>
/// The guardian attends a child-friendly interview (Law on Juvenile Justice 59/2024). Held without them, the record says
/// who represented the child instead and why, or it is refused with a 400 naming the field.
/// </summary>
public sealed class InterviewGuardianDecisionTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly DateTimeOffset Start = Vn(2026, 11, 24, 9);

    private static Decision Conduct(bool guardianPresent, ChildRepresentative? representative) =>
        ConductInterviewEndpoint.Decide(Given.Case(Reported(), InterviewScheduled(Start, Id)), Id,
            new ConductInterview(Start, TimeSpan.FromMinutes(40), guardianPresent, true, Representative: representative), Police());

    [Fact]
    public void without_the_guardian_and_without_a_representative_the_session_is_refused() =>
        Conduct(false, null).ShouldReject(400, "representative");

    [Fact]
    public void a_representative_with_the_reason_the_guardian_was_absent_is_recorded()
    {
        var stood = new ChildRepresentative("social worker of the provincial social work centre", "The step-father, her guardian, is the suspect");

        Conduct(false, stood).ShouldAcceptOne<InterviewConducted>().Representative.ShouldBe(stood);
    }

    [Theory]
    [InlineData("", "the guardian is the suspect", "representative.representedBy")]
    [InlineData("aunt", " ", "representative.reason")]
    public void the_representative_says_who_and_why(string by, string reason, string field) =>
        Conduct(false, new ChildRepresentative(by, reason)).ShouldReject(400, field);

    [Fact]
    public void with_the_guardian_present_no_representative_is_needed_nor_kept()
    {
        Conduct(true, null).ShouldAcceptOne<InterviewConducted>().Representative.ShouldBeNull();
        Conduct(true, new ChildRepresentative("aunt", "also came")).ShouldAcceptOne<InterviewConducted>().Representative.ShouldBeNull();
    }
}
