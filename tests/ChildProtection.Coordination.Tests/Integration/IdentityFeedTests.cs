using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Cases.Identity;

namespace ChildProtection.Coordination.Tests.Integration;

/// <summary>The child's identity on the feed: only for an integrator granted <c>case:identity</c>, and only with consent.</summary>
public sealed class IdentityFeedTests(AppFixture app) : IntegrationContext(app)
{
    private const string Name = "Đặng Thị Thu Trang";
    private readonly CaseApi _api = new(app);

    private HttpClient Integrator(string? scope)
    {
        var client = App.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AppFixture.Token(Roles.Integrator, "stats-office", scope: scope));
        return client;
    }

    /// <summary>The case's <c>case.reported.v1</c> event, once the high-water mark has passed it.</summary>
    private async Task<JsonElement> Reported(Guid caseId, string? scope)
    {
        for (var i = 0; i < 100; i++, await Task.Delay(100))
        {
            var response = await Integrator(scope).GetAsync("/api/feed?after=0");
            var events = (await response.ShouldHave(HttpStatusCode.OK)).EnumerateArray().ToArray();
            var reported = events.Where(e => e.GetProperty("subject").GetString() == caseId.ToString()
                                             && e.GetProperty("type").GetString() == "vn.childprotection.case.reported.v1").ToArray();
            if (reported.Length == 1) return reported[0];
        }
        throw new ShouldAssertException($"case.reported.v1 of {caseId} never reached the feed");
    }

    private async Task<Guid> Reported(int ageYears, params ConsentGiver[] consents)
    {
        var caseId = await _api.Report(Bodies.Report(childName: Name, ageYears: ageYears));
        foreach (var giver in consents) await _api.ConsentGiven(caseId, giver);
        return caseId;
    }

    [Fact]
    public async Task a_granted_integrator_gets_the_childs_identity_where_the_child_and_a_parent_consented()
    {
        var caseId = await Reported(9, ConsentGiver.Child, ConsentGiver.Parent);

        var reported = await Reported(caseId, IntegratorIdentity.Scope);

        var identity = reported.GetProperty("data").GetProperty("identity");
        identity.GetProperty("name").GetString().ShouldBe(Name);
        identity.GetProperty("school").GetString().ShouldBe("Trường Tiểu học Hải Đình");
        reported.TryGetProperty("identitywithheld", out _).ShouldBeFalse();
        reported.GetRawText().ShouldNotContain("0912345678");
    }

    [Fact]
    public async Task a_granted_integrator_gets_no_identity_without_the_consent_the_law_asks_and_is_told_why()
    {
        var parentOnlyForNineYearOld = await Reported(9, ConsentGiver.Parent);
        var parentOnlyForFiveYearOld = await Reported(5, ConsentGiver.Parent);

        var withheld = await Reported(parentOnlyForNineYearOld, "openid " + IntegratorIdentity.Scope);
        withheld.GetProperty("data").TryGetProperty("identity", out _).ShouldBeFalse();
        withheld.GetProperty("identitywithheld").GetString().ShouldBe("no-consent");
        withheld.GetRawText().ShouldNotContain(Name);

        // Under 7 the parent's consent is enough.
        var released = await Reported(parentOnlyForFiveYearOld, IntegratorIdentity.Scope);
        released.GetProperty("data").GetProperty("identity").GetProperty("name").GetString().ShouldBe(Name);
    }

    [Fact]
    public async Task a_withdrawn_consent_or_an_erasure_withholds_the_identity_again()
    {
        var withdrawn = await Reported(5);
        var consentId = await _api.ConsentGiven(withdrawn);
        await _api.Step(Roles.SocialWorker, $"/api/cases/{withdrawn}/consents/{consentId}/withdrawal", Bodies.Withdraw());
        var erased = await Reported(5, ConsentGiver.Parent);
        await _api.Step(Roles.Admin, $"/api/cases/{erased}/erasure", Bodies.Erase());

        (await Reported(withdrawn, IntegratorIdentity.Scope)).GetProperty("identitywithheld").GetString().ShouldBe("no-consent");
        var afterErasure = await Reported(erased, IntegratorIdentity.Scope);
        afterErasure.GetProperty("identitywithheld").GetString().ShouldBe("erased");
        afterErasure.GetRawText().ShouldNotContain(Name);
    }

    [Fact]
    public async Task an_integrator_not_granted_identity_gets_none_even_with_consent()
    {
        var caseId = await Reported(5, ConsentGiver.Parent);

        var reported = await Reported(caseId, scope: null);

        reported.GetProperty("data").TryGetProperty("identity", out _).ShouldBeFalse();
        reported.TryGetProperty("identitywithheld", out _).ShouldBeFalse();
        reported.GetRawText().ShouldNotContain(Name);
        (await Reported(caseId, "case:read")).GetRawText().ShouldNotContain(Name);
    }

    [Fact]
    public void the_release_decision_is_a_function_of_the_summary_and_the_time()
    {
        var summary = new ChildProtection.Coordination.Cases.GetCase.CaseSummary
        {
            Id = Guid.NewGuid(), ReceivedAt = Given.Now.AddDays(-1),
            Child = new ChildProtection.Coordination.Cases.ChildDetails(Name, ChildProtection.Coordination.Cases.Sex.Female, "c", AgeYears: 4),
            Consents = [new Consent(Guid.NewGuid(), ConsentGiver.Guardian, ConsentPurpose.CaseCoordination, [RecipientKind.Integrator], Given.Now.AddHours(-1))],
        };
        IntegratorIdentity.Release(summary, Given.Now).Identity!.Name.ShouldBe(Name);
        IntegratorIdentity.Release(summary, Given.Now.AddHours(-2)).Withheld.ShouldBe("no-consent");
        summary.IdentityErased = true;
        IntegratorIdentity.Release(summary, Given.Now).Withheld.ShouldBe("erased");
    }
}
