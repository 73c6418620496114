using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

public class LinkDecisionTests
{
    private static readonly Guid Other = Guid.CreateVersion7();

    private static CaseLinked Linked(Guid linkId, CaseLinkKind kind = CaseLinkKind.SameChild) =>
        new(Given.CaseId, linkId, Other, kind, Given.Now.AddHours(-1), "Same child");

    [Fact]
    public void linking_records_the_link_with_who_asked_and_why()
    {
        var events = LinkCasesEndpoint.Decide(Given.Case(Given.Reported()), new LinkCases(Other, CaseLinkKind.SameChild, " Same name, date of birth and mother ", 0.91),
            Given.Context()).ShouldAccept();
        var linked = events.Single().ShouldBeOfType<CaseLinked>();
        linked.OtherCaseId.ShouldBe(Other);
        linked.Reason.ShouldBe("Same name, date of birth and mother");
        linked.Initiated.ShouldBeTrue();
        linked.Score.ShouldBe(0.91);
    }

    [Fact]
    public void a_case_is_not_linked_to_itself() =>
        LinkCasesEndpoint.Decide(Given.Case(Given.Reported()), new LinkCases(Given.CaseId, CaseLinkKind.SameChild, "x"), Given.Context())
            .ShouldReject(400, "otherCaseId");

    [Fact]
    public void a_link_needs_a_reason() =>
        LinkCasesEndpoint.Decide(Given.Case(Given.Reported()), new LinkCases(Other, CaseLinkKind.SameIncident, " "), Given.Context())
            .ShouldReject(400, "reason");

    [Fact]
    public void the_same_link_twice_is_a_conflict_but_another_kind_is_not()
    {
        var current = Given.Case(Given.Reported(), Linked(Guid.NewGuid()));
        LinkCasesEndpoint.Decide(current, new LinkCases(Other, CaseLinkKind.SameChild, "again"), Given.Context())
            .ShouldReject(409, ProblemKinds.AlreadyLinked);
        LinkCasesEndpoint.Decide(current, new LinkCases(Other, CaseLinkKind.SameSuspectedPerpetrator, "the step-father"), Given.Context()).ShouldAccept();
    }

    [Fact]
    public void unlinking_undoes_exactly_that_link()
    {
        var linkId = Guid.NewGuid();
        var linked = Given.Case(Given.Reported(), Linked(linkId));
        var events = UnlinkCasesEndpoint.Decide(linked, linkId, new UnlinkCases("Two children after all"), Given.Context()).ShouldAccept();
        var unlinked = events.Single().ShouldBeOfType<CaseUnlinked>();
        unlinked.OtherCaseId.ShouldBe(Other);
        Given.Case(Given.Reported(), Linked(linkId), unlinked).Links.ShouldBeEmpty();
    }

    [Fact]
    public void an_unknown_link_is_a_404() =>
        UnlinkCasesEndpoint.Decide(Given.Case(Given.Reported()), Guid.NewGuid(), new UnlinkCases("x"), Given.Context()).ShouldReject(404);

    [Fact]
    public void a_rejection_is_remembered_and_not_made_twice()
    {
        var events = RejectDuplicateEndpoint.Decide(Given.Case(Given.Reported()), Other, new RejectDuplicate("Twin sister"), Given.Context()).ShouldAccept();
        var rejected = Given.Case(Given.Reported(), events.Single());
        rejected.RejectedDuplicates.ShouldBe([Other]);
        RejectDuplicateEndpoint.Decide(rejected, Other, new RejectDuplicate("again"), Given.Context())
            .ShouldReject(409, ProblemKinds.DuplicateAlreadyRejected);
    }

    [Fact]
    public void a_pair_linked_as_one_child_is_unlinked_before_it_is_rejected() =>
        RejectDuplicateEndpoint.Decide(Given.Case(Given.Reported(), Linked(Guid.NewGuid())), Other, new RejectDuplicate("no"), Given.Context())
            .ShouldReject(409, ProblemKinds.AlreadyLinked);
}
