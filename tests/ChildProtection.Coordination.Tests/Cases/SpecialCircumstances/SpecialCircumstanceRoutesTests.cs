using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;
using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
namespace ChildProtection.Coordination.Tests.Cases.SpecialCircumstances;

/// <summary>POST /special-circumstances and /special-circumstances/end, shown on the case.</summary>
public sealed class SpecialCircumstanceRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    [Fact]
    public async Task a_group_is_established_and_ended_as_events_and_the_case_shows_both_dates()
    {
        var caseId = await Api.Report();

        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance(SpecialCircumstanceGroup.WithoutCarer));
        await Api.Step(Roles.SocialWorker, $"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance(SpecialCircumstanceGroup.Disabled));
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances/end", Bodies.EndSpecialCircumstance(SpecialCircumstanceGroup.WithoutCarer));

        var events = (await Api.RevealedEvents(caseId)).ToList();
        events.OfType<SpecialCircumstanceEstablished>().Select(e => e.Group).ShouldBe([SpecialCircumstanceGroup.WithoutCarer, SpecialCircumstanceGroup.Disabled]);
        // A disability is health data: stored sealed.
        (await Api.Events(caseId)).Select(e => e.Data).OfType<SpecialCircumstanceEstablished>().Select(e => e.Group)
            .ShouldBe([SpecialCircumstanceGroup.WithoutCarer, SpecialCircumstanceGroup.SealedHealthGroup]);
        events.OfType<SpecialCircumstanceEnded>().ShouldHaveSingleItem().EndedOn.ShouldBe(Bodies.Today);
        var shown = (await (await Api.Get(Roles.CommuneOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK)).GetProperty("specialCircumstances");
        shown.GetArrayLength().ShouldBe(2);
        shown[0].GetProperty("group").GetString().ShouldBe("WithoutCarer");
        shown[0].GetProperty("establishedOn").GetString().ShouldBe(Bodies.Today.AddYears(-1).ToString("yyyy-MM-dd"));
        shown[0].GetProperty("endedOn").GetString().ShouldBe(Bodies.Today.ToString("yyyy-MM-dd"));
        shown[1].GetProperty("endedOn").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task a_health_group_is_stored_sealed_yet_established_twice_is_a_conflict_and_it_ends_and_shows_opened()
    {
        var caseId = await Api.Report();
        var url = $"/api/cases/{caseId}/special-circumstances";
        await Api.Step(Roles.CommuneOfficer, url, Bodies.SpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv));
        await Api.Step(Roles.CommuneOfficer, url, Bodies.SpecialCircumstance(SpecialCircumstanceGroup.DrugUse));

        await (await Api.As(Roles.CommuneOfficer).PostJson(url, Bodies.SpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv)))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.SpecialCircumstanceAlreadyEstablished);
        await (await Api.As(Roles.CommuneOfficer).PostJson(url, Bodies.SpecialCircumstance(SpecialCircumstanceGroup.SealedHealthGroup)))
            .ShouldBeInvalid("group");
        await Api.Step(Roles.CommuneOfficer, $"{url}/end", Bodies.EndSpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv));

        var stored = (await Api.Events(caseId)).Select(e => e.Data).ToList();
        stored.OfType<SpecialCircumstanceEstablished>().ShouldAllBe(e => e.Group == SpecialCircumstanceGroup.SealedHealthGroup && e.SealedGroup!.StartsWith("enc:v1:"));
        stored.OfType<SpecialCircumstanceEnded>().ShouldHaveSingleItem().SealedGroup
            .ShouldBe(stored.OfType<SpecialCircumstanceEstablished>().First().SealedGroup, "sealed the same way, so that the end finds its start");
        var shown = (await (await Api.Get(Roles.SocialWorker, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK)).GetProperty("specialCircumstances");
        shown.EnumerateArray().Select(p => (p.GetProperty("group").GetString(), p.GetProperty("endedOn").ValueKind != System.Text.Json.JsonValueKind.Null))
            .ShouldBe([("LivingWithHiv", true), ("DrugUse", false)]);
        shown.GetRawText().ShouldNotContain("sealedGroup");

        await Api.Step(Roles.Admin, $"/api/cases/{caseId}/erasure", Bodies.Erase());
        var erased = (await (await Api.Get(Roles.SocialWorker, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK)).GetProperty("specialCircumstances");
        erased.EnumerateArray().Select(p => p.GetProperty("group").GetString()).ShouldAllBe(g => g == "SealedHealthGroup");
    }

    [Fact]
    public async Task establishing_twice_and_ending_what_is_not_established_are_conflicts_of_their_own_kinds()
    {
        var caseId = await Api.Report();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance());

        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance()))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.SpecialCircumstanceAlreadyEstablished);
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{caseId}/special-circumstances/end",
                Bodies.EndSpecialCircumstance(SpecialCircumstanceGroup.DrugUse)))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.SpecialCircumstanceNotEstablished);
    }

    [Fact]
    public async Task police_and_education_do_not_record_special_circumstances_and_the_police_view_does_not_show_them()
    {
        var caseId = await Api.Report();
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance(SpecialCircumstanceGroup.LivingWithHiv));

        await (await Api.As(Roles.PoliceOfficer).PostJson($"/api/cases/{caseId}/special-circumstances", Bodies.SpecialCircumstance()))
            .ShouldHave(HttpStatusCode.Forbidden);
        await (await Api.As(Roles.EducationOfficer).PostJson($"/api/cases/{caseId}/special-circumstances/end", Bodies.EndSpecialCircumstance()))
            .ShouldHave(HttpStatusCode.Forbidden);
        var police = await (await Api.Get(Roles.PoliceOfficer, $"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);
        police.TryGetProperty("specialCircumstances", out _).ShouldBeFalse();
    }
}
