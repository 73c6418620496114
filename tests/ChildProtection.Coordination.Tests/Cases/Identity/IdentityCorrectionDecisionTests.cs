using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Cases.Identity;

/// <summary>Correcting the child's identity: the pure decision (given the case, when the correction, then the event or which problem).</summary>
public sealed class IdentityCorrectionDecisionTests
{
    private static Decision Decide(CorrectChildIdentity command, params object[] after) =>
        CaseDecisions.Decide(Given.Case([Given.Reported(), .. after]), command, Given.Context(),
            (c, cmd, ctx) => CorrectChildIdentityEndpoint.Decide(c, cmd, cmd.CommuneOfResidence is { } code ? Given.InForce(code.Trim()) : null, ctx));

    private static ChildIdentityCorrected Corrected(Decision decision) => decision.ShouldAccept().ShouldHaveSingleItem().ShouldBeOfType<ChildIdentityCorrected>();

    [Fact]
    public void only_the_parts_given_are_corrected_and_named()
    {
        var e = Corrected(Decide(new CorrectChildIdentity(" misheard on the call ", Name: " Nguyễn Thị Mai Anh ", School: "Trường Tiểu học Hải Đình")));
        e.Parts.ShouldBe([ChildIdentityCorrected.NamePart, ChildIdentityCorrected.SchoolPart]);
        e.Name.ShouldBe("Nguyễn Thị Mai Anh");
        e.Reason.ShouldBe("misheard on the call");
        e.Sex.ShouldBeNull();
        e.CommuneOfResidence.ShouldBeNull();
        e.Carers.ShouldBeNull();
    }

    [Fact]
    public void a_date_of_birth_gives_the_age_at_the_report_and_an_age_alone_makes_the_date_unknown()
    {
        var born = VietnamDate(Given.Now.AddDays(-1)).AddYears(-11).AddDays(-3);
        var dated = Corrected(Decide(new CorrectChildIdentity("birth certificate", DateOfBirth: born, AgeYears: 4)));
        dated.Parts.ShouldBe([ChildIdentityCorrected.DateOfBirthPart]);
        dated.AgeYears.ShouldBe(11);

        var aged = Corrected(Decide(new CorrectChildIdentity("the mother says 12", AgeYears: 12)));
        aged.Parts.ShouldBe([ChildIdentityCorrected.AgePart]);
        var current = Given.Case(Given.Reported(dateOfBirth: born), aged);
        current.ChildAgeAtReport.ShouldBe(12);
        current.ChildDateOfBirth.ShouldBeNull();
    }

    private static DateOnly VietnamDate(DateTimeOffset at) => LegalTime.VietnamTime.DateOf(at);

    [Fact]
    public void carers_given_replace_every_carer_and_an_empty_list_removes_them()
    {
        var e = Corrected(Decide(new CorrectChildIdentity("the grandmother raises her", Carers: [new Carer(" Lê Thị Hoa ", CarerRelation.Grandparent, " ")])));
        e.Parts.ShouldBe([ChildIdentityCorrected.CarersPart]);
        e.Carers.ShouldHaveSingleItem().ShouldBe(new Carer("Lê Thị Hoa", CarerRelation.Grandparent));
        var (_, carers) = e.ApplyTo(new ChildDetails("A", Sex.Female, "c"), [new Carer("Old", CarerRelation.Mother)]);
        carers.ShouldHaveSingleItem().Name.ShouldBe("Lê Thị Hoa");

        var none = Corrected(Decide(new CorrectChildIdentity("no carer known", Carers: [])));
        none.ApplyTo(new ChildDetails("A", Sex.Female, "c"), [new Carer("Old", CarerRelation.Mother)]).Carers.ShouldBeNull();
    }

    [Fact]
    public void each_bad_part_is_a_400_naming_its_field()
    {
        Decide(new CorrectChildIdentity("", Name: "A")).ShouldReject(400, "reason");
        Decide(new CorrectChildIdentity("why")).ShouldReject(400, "name");
        Decide(new CorrectChildIdentity("why", Name: " ")).ShouldReject(400, "name");
        Decide(new CorrectChildIdentity("why", Sex: (Sex)42)).ShouldReject(400, "sex");
        Decide(new CorrectChildIdentity("why", DateOfBirth: VietnamDate(Given.Now))).ShouldReject(400, "dateOfBirth");
        Decide(new CorrectChildIdentity("why", DateOfBirth: VietnamDate(Given.Now).AddYears(-17))).ShouldReject(400, "dateOfBirth");
        Decide(new CorrectChildIdentity("why", AgeYears: 16)).ShouldReject(400, "ageYears");
        Decide(new CorrectChildIdentity("why", AgeYears: -1)).ShouldReject(400, "ageYears");
        Decide(new CorrectChildIdentity("why", CommuneOfResidence: "")).ShouldReject(400, "communeOfResidence");
        Decide(new CorrectChildIdentity("why", School: " ")).ShouldReject(400, "school");
        Decide(new CorrectChildIdentity("why", Carers: [new Carer(" ", CarerRelation.Mother)])).ShouldReject(400, "carers[0].name");
        Decide(new CorrectChildIdentity("why", Carers: [new Carer("B", (CarerRelation)42)])).ShouldReject(400, "carers[0].relation");
    }

    [Fact]
    public void an_erased_identity_is_not_corrected()
    {
        Decide(new CorrectChildIdentity("why", Name: "A"), new IdentityErased(Given.CaseId, Given.Now, "admin", "asked"))
            .ShouldReject(409, ProblemKinds.IdentityErased);
    }

    [Fact]
    public void a_closed_or_merged_case_is_not_corrected()
    {
        var closed = new CaseClosed(Given.CaseId, Given.Now.AddHours(-1), "safe");
        Decide(new CorrectChildIdentity("why", Name: "A"), closed).ShouldReject(409, ProblemKinds.CaseClosed);
        var merged = new CaseMerged(Given.CaseId, Guid.NewGuid(), Given.CaseId, Guid.NewGuid(), Given.Now.AddHours(-1), "same child", [], []);
        Decide(new CorrectChildIdentity("why", Name: "A"), merged).ShouldReject(409, ProblemKinds.CaseMerged);
    }

    [Fact]
    public void a_corrected_commune_of_residence_is_one_in_force_and_is_not_repeated_in_the_refusal()
    {
        Corrected(Decide(new CorrectChildIdentity("moved", CommuneOfResidence: " le-chan-ward "))).CommuneOfResidence.ShouldBe("le-chan-ward");

        var unknown = Decide(new CorrectChildIdentity("moved", CommuneOfResidence: "nowhere-else")).ShouldReject(400, "communeOfResidence");
        unknown.Detail!.ShouldNotContain("nowhere-else");
        var endless = Decide(new CorrectChildIdentity("moved", CommuneOfResidence: new string('a', 5000))).ShouldReject(400, "communeOfResidence");
        endless.Detail!.Length.ShouldBeLessThan(300);
        Decide(new CorrectChildIdentity("moved", CommuneOfResidence: "Le Chan Ward")).ShouldReject(400, "communeOfResidence");
    }

    [Fact]
    public void the_match_identity_follows_every_correction_in_order()
    {
        var reported = Given.Reported() with { Child = new ChildDetails("Nguyễn Thị Mai", Sex.Female, "dong-hoi-ward", AgeYears: 9, School: "Hải Đình") };
        var first = new ChildIdentityCorrected(Given.CaseId, Given.Now, [ChildIdentityCorrected.NamePart], "r", Name: "Trần Thị Mai");
        var born = new DateOnly(2016, 3, 5);
        var second = new ChildIdentityCorrected(Given.CaseId, Given.Now, [ChildIdentityCorrected.DateOfBirthPart, ChildIdentityCorrected.CommunePart], "r",
            DateOfBirth: born, AgeYears: 10, CommuneOfResidence: "le-chan-ward");
        var identity = MatchKeyBackfill.Identity([reported, first, second])!;
        identity.Name.ShouldBe("Trần Thị Mai");
        identity.DateOfBirth.ShouldBe(born);
        identity.CommuneOfResidence.ShouldBe("le-chan-ward");
        identity.Schools.ShouldBe(["Hải Đình"]);
    }
}
