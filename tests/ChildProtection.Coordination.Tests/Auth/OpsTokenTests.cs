using System.Text.RegularExpressions;
using ChildProtection.Coordination.Auth;

namespace ChildProtection.Coordination.Tests.Auth;

/// <summary>ops/token mints a token for every role the service knows (docs/indicators.md asks it for a ministry officer).</summary>
public sealed class OpsTokenTests
{
    [Fact]
    public void ops_token_offers_every_role_and_no_other()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildProtection.Coordination.sln"))) dir = dir.Parent;
        var script = File.ReadAllText(Path.Combine(dir!.FullName, "ops", "token"));

        var roles = Regex.Match(script, "^roles=\"([^\"]*)\"", RegexOptions.Multiline).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        roles.Order().ShouldBe(Roles.All.Order());
    }
}
