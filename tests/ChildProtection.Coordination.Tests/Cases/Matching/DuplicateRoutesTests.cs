using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Privacy;
using Marten;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>Possible duplicates, links and rejections through the HTTP API and the real store.</summary>
public sealed class DuplicateRoutesTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<(Guid Case, JsonElement Answer)> Report(string name, string commune = "dong-hoi-ward", string agency = "hotline-111")
    {
        var response = await App.Client(Roles.HotlineOperator, agency).PostJson("/api/cases", Bodies.Report(commune, childName: name));
        var body = await response.ShouldHave(HttpStatusCode.Created);
        return (body.GetProperty("caseId").GetGuid(), body);
    }

    private async Task<JsonElement> Duplicates(Guid caseId, string role = Roles.CommuneOfficer) =>
        await (await Api.As(role).GetAsync($"/api/cases/{caseId}/possible-duplicates")).ShouldHave(HttpStatusCode.OK);

    [Fact]
    public async Task the_report_answer_lists_the_same_child_reported_before_with_score_and_parts_and_no_identity()
    {
        var (first, _) = await Report("Nguyễn Thị Mai");
        var (_, answer) = await Report("NGUYEN THI MAI");

        var candidates = answer.GetProperty("possibleDuplicates").GetProperty("candidates");
        candidates.GetArrayLength().ShouldBe(1);
        candidates[0].GetProperty("caseId").GetGuid().ShouldBe(first);
        candidates[0].GetProperty("score").GetDouble().ShouldBeGreaterThanOrEqualTo(new MatchingOptions().Threshold);
        candidates[0].GetProperty("matchedParts").EnumerateArray().Select(p => p.GetString()).ShouldContain(MatchParts.Name);
        answer.GetRawText().ShouldNotContain("Mai", Shouldly.Case.Insensitive);
        answer.GetRawText().ShouldNotContain("Hải Đình", Shouldly.Case.Insensitive);
    }

    [Fact]
    public async Task the_case_read_as_it_is_now_lists_the_possible_duplicates_as_their_own_route_does_and_a_read_as_of_a_version_does_not()
    {
        var (first, _) = await Report("Nguyễn Thị Mai");
        var (second, _) = await Report("NGUYEN THI MAI");

        var read = await Read(second);
        var listed = read.GetProperty("possibleDuplicates");
        listed.GetProperty("candidates").GetArrayLength().ShouldBe(1);
        listed.GetProperty("candidates")[0].GetProperty("caseId").GetGuid().ShouldBe(first);
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(listed.GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse((await Duplicates(second)).GetRawText())).ShouldBeTrue("the case read lists what GET …/possible-duplicates answers");

        var then = await (await Api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{second}?version=1")).ShouldHave(HttpStatusCode.OK);
        then.GetProperty("possibleDuplicates").ValueKind.ShouldBe(JsonValueKind.Null, "the candidates are today's, not the case's as it stood then");
    }

    [Fact]
    public async Task another_child_is_not_a_candidate()
    {
        await Report("Nguyễn Thị Mai");
        var (_, answer) = await Report("Trần Văn Nam");
        answer.GetProperty("possibleDuplicates").GetProperty("candidates").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_candidate_the_caller_may_not_read_is_only_counted_as_one_in_another_commune()
    {
        var (here, _) = await Report("Nguyễn Thị Mai");
        await Report("Nguyễn Thị Mai", commune: "le-chan-ward");

        var answer = await Duplicates(here);
        answer.GetProperty("candidates").GetArrayLength().ShouldBe(0);
        answer.GetProperty("notShown").GetProperty("count").GetInt32().ShouldBe(1);
        answer.GetProperty("notShown").GetProperty("inOtherCommunes").GetInt32().ShouldBe(1);
        answer.GetRawText().ShouldNotContain("le-chan");
    }

    private static async Task<long> BlockRows(IQuerySession session, Guid caseId) =>
        (await session.QueryAsync<long>($"select count(*) from {MatchKeyStorage.BlockTableOf(session)} where case_id = ?", CancellationToken.None, caseId)).Single();

    [Fact]
    public async Task the_match_key_holds_no_clear_identity_and_erasure_deletes_it()
    {
        var (first, _) = await Report("Nguyễn Thị Mai");
        var (second, _) = await Report("Nguyen Thi Mai");
        await using (var session = App.Store.QuerySession())
        {
            // The stored row, every column as text (the record as hex, and with its printable bytes as characters).
            var row = (await session.QueryAsync<string>(
                $"select row_to_json(k)::text || encode(k.record, 'escape') from {MatchKeyStorage.KeyTableOf(session)} k where case_id = ?", first)).Single();
            foreach (var clear in new[] { "Mai", "mai", "Nguy", "nguy", "hai dinh", "Hải", "dong-hoi" }) row.ShouldNotContain(clear, Shouldly.Case.Sensitive);
            (await BlockRows(session, first)).ShouldBeGreaterThan(0);
        }

        await Api.Step(Roles.Admin, $"/api/cases/{first}/erasure", Bodies.Erase());

        await using (var session = App.Store.QuerySession())
        {
            (await MatchKeyStorage.LoadAsync(session, first, CancellationToken.None)).ShouldBeNull();
            (await BlockRows(session, first)).ShouldBe(0);
        }
        (await Duplicates(second)).GetProperty("candidates").GetArrayLength().ShouldBe(0);
        (await Duplicates(first)).GetProperty("matchKeyMissing").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task a_link_is_on_both_cases_and_an_unlink_restores_them_exactly_with_who_and_why_in_the_history()
    {
        var (first, _) = await Report("Nguyễn Thị Mai");
        var (second, _) = await Report("Nguyen Thi Mai");
        var before = await Read(first);

        var linked = await Api.Step(Roles.CommuneOfficer, $"/api/cases/{first}/links",
            new LinkCases(second, CaseLinkKind.SameChild, "Same child: the school confirmed", 0.9));
        var linkId = linked.Id!.Value;
        (await Read(first)).GetProperty("links")[0].GetProperty("otherCaseId").GetGuid().ShouldBe(second);
        (await Read(second)).GetProperty("links")[0].GetProperty("linkId").GetGuid().ShouldBe(linkId);
        (await Duplicates(first)).GetProperty("candidates")[0].GetProperty("linkId").GetGuid().ShouldBe(linkId);

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{first}/links/{linkId}")
        {
            Content = new StringContent(Bodies.Json(new UnlinkCases("The school meant her cousin")), System.Text.Encoding.UTF8, "application/json"),
        };
        await (await Api.As(Roles.CommuneChair).SendAsync(request)).ShouldHave(HttpStatusCode.OK);

        Without(await Read(first), "version", "lastStepAt").ShouldBe(Without(before, "version", "lastStepAt"));
        (await Read(second)).GetProperty("links").GetArrayLength().ShouldBe(0);
        var history = (await Api.Events(second)).Where(e => e.Data is CaseLinked or CaseUnlinked).ToList();
        history.Select(e => e.Data.GetType().Name).ShouldBe([nameof(CaseLinked), nameof(CaseUnlinked)]);
        history[1].Headers!["role"].ToString().ShouldBe(Roles.CommuneChair);
        ((CaseUnlinked)history[1].Data).Reason.ShouldStartWith("enc:v1:", customMessage: "a reason is free text, sealed with the case's key");
        (await Api.RevealedEvents(second)).OfType<CaseUnlinked>().Single().Reason.ShouldBe("The school meant her cousin");
    }

    [Fact]
    public async Task a_rejected_candidate_is_not_offered_again_on_either_case()
    {
        var (first, _) = await Report("Nguyễn Thị Mai");
        var (second, _) = await Report("Nguyen Thi Mai");
        await Api.Step(Roles.CommuneOfficer, $"/api/cases/{first}/possible-duplicates/{second}/rejection", new RejectDuplicate("Twin sisters"));

        (await Duplicates(first)).GetProperty("candidates").GetArrayLength().ShouldBe(0);
        (await Duplicates(second)).GetProperty("candidates").GetArrayLength().ShouldBe(0);
        await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{second}/possible-duplicates/{first}/rejection", new RejectDuplicate("again")))
            .ShouldHave(HttpStatusCode.Conflict, ProblemKinds.DuplicateAlreadyRejected);
    }

    [Fact]
    public async Task a_case_the_caller_may_not_act_on_is_not_linked_and_its_existence_does_not_leak()
    {
        var (here, _) = await Report("Nguyễn Thị Mai");
        var (there, _) = await Report("Nguyễn Thị Mai", commune: "le-chan-ward");
        var problem = await (await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{here}/links", new LinkCases(there, CaseLinkKind.SameChild, "same")))
            .ShouldHave(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldBe($"No case {there}.");
        (await Read(here)).GetProperty("links").GetArrayLength().ShouldBe(0);
    }

    private async Task<JsonElement> Read(Guid caseId) =>
        await (await Api.As(Roles.CommuneOfficer).GetAsync($"/api/cases/{caseId}")).ShouldHave(HttpStatusCode.OK);

    private static string Without(JsonElement body, params string[] names)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        foreach (var name in names) node.Remove(name);
        return node.ToJsonString();
    }
}
