using System.Net;
using ChildProtection.Coordination.Tests.Support;

namespace ChildProtection.Coordination.Tests.Operations;

public sealed class HealthTests(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task liveness_answers_without_a_token()
    {
        var response = await App.Client(null).GetAsync("/health/live");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task readiness_checks_the_database_and_its_schema()
    {
        var response = await App.Client(null).GetAsync("/health/ready");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
