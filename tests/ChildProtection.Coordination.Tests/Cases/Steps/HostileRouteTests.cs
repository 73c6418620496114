using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Tests.Support;
using Wolverine.Http;

namespace ChildProtection.Coordination.Tests.Cases.Steps;

/// <summary>
/// Part of the <see cref="NoServerErrorTests"/> fuzz: every route of the service, found by reflection, gets hostile text
/// (NUL, control characters, percent-escapes that are not UTF-8, lone surrogates), extreme dates and numbers in its path,
/// in each of its query parameters and in headers, and every write route a body of raw bytes that are not UTF-8, while
/// ordinary users report cases, take steps and read beside it. No hostile request may answer 500; no ordinary request
/// may fail at all (issue 12: a NUL once broke other users' requests through the connection pool).
/// </summary>
public sealed partial class HostileRouteTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private static readonly string[] Texts = ["%00", "a%00b", "%01", "%7F", "%FF%FE", "%C3", "%ED%A0%80", "%C0%AE", "%E2%80%AE%F0%9F%98%80"];
    private static readonly string[] Extremes =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01", "9999-12-31", "1899-12-31", "2200-12-31T23:59:59-14:00",
        "99999999999999999999999", "-1", "-2147483649", "2147483648", "0", "NaN", "Infinity", "-Infinity", "1e308", "0x10",
    ];

    private sealed record Route(string Method, string Template, string[] Query);

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    private static IReadOnlyList<Route> Routes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SelectMany(m => m.GetCustomAttributesData()
                .Where(a => typeof(WolverineHttpMethodAttribute).IsAssignableFrom(a.AttributeType))
                .Select(a =>
                {
                    var template = (string)a.ConstructorArguments[0].Value!;
                    var routeArgs = Placeholder().Matches(template).Select(x => x.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var query = m.GetParameters()
                        .Where(p => p.ParameterType == typeof(string) && !routeArgs.Contains(p.Name!) && p.Name != "wait")
                        .Select(p => p.Name!).ToArray();
                    return new Route(a.AttributeType.Name.Replace("Wolverine", "").Replace("Attribute", "").ToUpperInvariant(), template, query);
                }))
            .DistinctBy(r => (r.Method, r.Template))
            .ToList();

    private static string RoleFor(string template) =>
        template.StartsWith("/api/subscriptions") || template.StartsWith("/api/feed") ? Roles.Integrator :
        template.StartsWith("/api/audit") ? Roles.Auditor :
        template.StartsWith("/api/agencies") || template.StartsWith("/api/communes") ? Roles.Admin :
        Roles.CommuneOfficer;

    /// <summary>
    /// An unreadable body on any write route is the service's own <c>invalid-input</c> problem, worded by the service: never
    /// Wolverine's "Invalid JSON format" (type httpstatuses.com), whose detail named the service's types
    /// (<c>…Cases.Matching.LinkCases</c>), and never a type name of .NET's.
    /// </summary>
    [Fact]
    public async Task an_unreadable_body_on_any_write_route_is_the_services_own_problem_naming_no_type()
    {
        var caseId = await Api.Report();
        var bodies = new[] { "not json", """{"reason":""", "[]", "\"text\"", "12", """{"findings": {"deep": [1, 2]}, "substantiated": "yes"}""" };
        var answered = new List<string>();
        var foreign = new List<string>();
        foreach (var route in Routes().Where(r => r.Method is "POST" or "PUT" or "PATCH"))
        {
            var url = Placeholder().Replace(route.Template, m => m.Groups[1].Value switch
            {
                "caseId" => caseId.ToString(),
                "agencyId" => "ubnd-dong-hoi",
                "code" => "dong-hoi-ward",
                _ => Guid.NewGuid().ToString(),
            });
            foreach (var body in bodies)
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var response = await App.Client(RoleFor(route.Template), "ubnd-dong-hoi").SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var line = $"{route.Method} {route.Template} {body} → {(int)response.StatusCode} {text}";
                if (text.Contains("httpstatuses.com") || text.Contains("Invalid JSON format") || ServiceTypeName().IsMatch(text)) foreign.Add(line);
                if (response.StatusCode != HttpStatusCode.BadRequest) continue;
                var problem = System.Text.Json.JsonDocument.Parse(text).RootElement;
                if (problem.GetProperty("type").GetString() != Coordination.Common.ProblemKinds.InvalidInput.Type || problem.Field() is null) foreign.Add(line);
                else answered.Add(line);
            }
        }
        foreign.ShouldBeEmpty();
        // Every route with a JSON body refuses these; the others answer before reading one (403, 404, 415).
        answered.Count.ShouldBeGreaterThan(30, string.Join("\n", answered));
    }

    /// <summary>A .NET type's full name: the service's own (ChildProtection.…) or the framework's (System.…).</summary>
    [GeneratedRegex(@"\b(ChildProtection\.Coordination|System)\.[A-Z][A-Za-z]+")]
    private static partial Regex ServiceTypeName();

    [Fact]
    public async Task no_hostile_path_query_header_or_body_on_any_route_is_a_server_error_and_ordinary_users_see_no_failure()
    {
        var caseId = await Api.Report();
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(40);
        string Fill(string template, string? hostile) =>
            Placeholder().Replace(template, m => hostile ?? (m.Groups[1].Value switch
            {
                "caseId" => caseId.ToString(),
                "agencyId" => "ubnd-dong-hoi",
                "code" => "dong-hoi-ward",
                _ => Guid.NewGuid().ToString(),
            }));

        var requests = new List<HttpRequestMessage>();
        foreach (var route in routes)
        {
            var method = new HttpMethod(route.Method);
            HttpRequestMessage New(string url)
            {
                var r = new HttpRequestMessage(method, url);
                if (method != HttpMethod.Get && method != HttpMethod.Delete) r.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                return r;
            }
            foreach (var value in Texts.Concat(Extremes))
            {
                if (route.Template.Contains('{')) requests.Add(New(Fill(route.Template, value)));
                foreach (var name in route.Query) requests.Add(New($"{Fill(route.Template, null)}?{name}={value}"));
            }
            foreach (var (header, value) in new[] { ("X-Correlation-Id", "a\u0001b"), ("Idempotency-Key", "k\u007f"), ("If-Match", "\"\u0000\""), ("X-Anything", "\t\u001b[31m") })
            {
                var r = New(Fill(route.Template, null));
                r.Headers.TryAddWithoutValidation(header, value);
                requests.Add(r);
            }
            if (method == HttpMethod.Post)
                foreach (var bytes in new byte[][] { [0xFF, 0xFE, 0x00], "{\"reason\":\"a"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray() })
                    requests.Add(new HttpRequestMessage(method, Fill(route.Template, null)) { Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } } });
        }

        // Ordinary users beside the hostile traffic: reports, a step on each new case, and reads.
        using var stop = new CancellationTokenSource();
        var ordinaryFailures = new ConcurrentBag<string>();
        var ordinaryCount = 0;
        async Task Ordinary(int worker)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var id = await Api.Report();
                    var step = await Api.As(Roles.CommuneOfficer).PostJson($"/api/cases/{id}/legal-aid", Bodies.LegalAid());
                    if (step.StatusCode != HttpStatusCode.OK) ordinaryFailures.Add($"step {(int)step.StatusCode} {await step.Content.ReadAsStringAsync()}");
                    foreach (var url in new[] { $"/api/cases/{id}", "/api/agencies?commune=dong-hoi-ward", "/api/communes", $"/api/cases?commune=dong-hoi-ward" })
                    {
                        var read = await Api.Get(Roles.CommuneOfficer, url);
                        if (read.StatusCode != HttpStatusCode.OK) ordinaryFailures.Add($"{url} {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
                    }
                    Interlocked.Increment(ref ordinaryCount);
                }
                catch (Exception e) { ordinaryFailures.Add($"worker {worker}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        var ordinary = Enumerable.Range(0, 3).Select(i => Task.Run(() => Ordinary(i))).ToArray();

        var serverErrors = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            var line = $"{request.Method} {request.RequestUri}";
            try
            {
                var response = await App.Client(RoleFor(request.RequestUri!.OriginalString), "ubnd-dong-hoi").SendAsync(request);
                if ((int)response.StatusCode >= 500) serverErrors.Add($"{line} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (InvalidOperationException e) when (e.Message.Contains("null characters"))
            {
                // The server's own URL decoder refuses a NUL in the path before the service sees it (Kestrel answers 400).
            }
        });
        await stop.CancelAsync();
        await Task.WhenAll(ordinary);

        serverErrors.ShouldBeEmpty();
        ordinaryFailures.ShouldBeEmpty();
        ordinaryCount.ShouldBeGreaterThan(0);
    }
}
