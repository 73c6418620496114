using System.Net;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Common;

/// <summary>Problem details follow Accept-Language: Vietnamese when preferred, English otherwise; type, status and field never change.</summary>
public sealed class ProblemTextTests(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public void a_known_detail_is_translated_and_another_keeps_its_english_after_the_kinds_sentence()
    {
        ProblemText.Detail(ProblemKinds.InvalidInput.Type, "'findings' is required.").ShouldBe("Trường 'findings' là bắt buộc.");
        ProblemText.Detail(ProblemKinds.StepOutOfOrder.Type, "There is no drafted plan to approve.")
            .ShouldBe("Bước trước đó chưa được ghi. (There is no drafted plan to approve.)");
        ProblemText.Title(ProblemKinds.StaleVersion.Type).ShouldBe("Hồ sơ đã thay đổi");
        ProblemText.Detail(ProblemKinds.InvalidInput.Type, "No commune 'nowhere' is in force in the agency directory.")
            .ShouldBe("Không có xã/phường 'nowhere' đang có hiệu lực trong danh bạ cơ quan.");
    }

    [Fact]
    public void every_problem_kind_has_a_vietnamese_title() =>
        ProblemKinds.All.Where(k => ProblemText.Title(k.Type) is null).Select(k => k.Name).ShouldBeEmpty();

    [Fact]
    public async Task the_api_answers_in_vietnamese_when_accept_language_prefers_it()
    {
        var cases = new CaseApi(App);
        var caseId = await cases.Report();
        var officer = cases.As(Roles.CommuneOfficer);
        var url = $"/api/cases/{caseId}/verification";
        var body = new { substantiated = true, findings = "" };

        var vietnamese = await (await officer.PostJson(url, body, ("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.8"))).ShouldHave(HttpStatusCode.BadRequest);
        vietnamese.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
        vietnamese.GetProperty("detail").GetString().ShouldBe("Trường 'findings' là bắt buộc.");
        vietnamese.GetProperty("field").GetString().ShouldBe("findings");
        vietnamese.GetProperty("type").GetString().ShouldBe(ProblemKinds.InvalidInput.Type);

        var english = await (await officer.PostJson(url, body, ("Accept-Language", "en-GB,en;q=0.9,vi;q=0.5"))).ShouldHave(HttpStatusCode.BadRequest);
        english.GetProperty("detail").GetString().ShouldBe("'findings' is required.");
        var none = await (await officer.PostJson(url, body)).ShouldHave(HttpStatusCode.BadRequest);
        none.GetProperty("detail").GetString().ShouldBe("'findings' is required.");
    }
}
