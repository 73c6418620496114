using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Bench;

/// <summary>The tokens ops/bench/run made with ops/token, one per role the bench acts in.</summary>
public sealed record Tokens(string Admin, string Hotline, string IntakeOfficer, string InboxOfficer, string Integrator);

/// <summary>The service's HTTP API as the bench calls it.</summary>
public sealed class Api(HttpClient http, string url, Tokens tokens)
{
    public const string IntakeCommune = "bench-intake", IntakeAgency = "ubnd-bench-intake";
    public const string InboxCommune = "bench-inbox", InboxAgency = "ubnd-bench-inbox";

    /// <summary>The cases reported into <see cref="IntakeCommune"/>, whose officer (the bench's intake officer) may act on them.</summary>
    public readonly ConcurrentQueue<Guid> Reported = new();

    /// <summary>
    /// How many communes the intake load spreads its reports over (BENCH_INTAKE_COMMUNES, 100): <see cref="IntakeCommune"/> and
    /// <c>bench-intake-2</c> … <c>bench-intake-N</c>, each with its People's Committee. A province holds about a hundred communes
    /// after 2025, so a hundred keeps each commune's namesakes (the duplicate lookup's buckets are a given name with a commune and
    /// a birth year) near what a province's busiest commune would see in the bench's tens of thousands of reports; 1 puts every
    /// report in one commune, as the bench did before 2026-12-07 21:40 UTC: tens of thousands of children of fifty given names in
    /// one commune, so that every lookup reads its bound of keys (docs/benchmark.md, "The intake's communes").
    /// </summary>
    public static readonly int IntakeCommuneCount =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_INTAKE_COMMUNES"), out var n) && n >= 1 ? n : 100;

    public static string IntakeCommuneAt(int i) => i == 0 ? IntakeCommune : $"{IntakeCommune}-{i + 1}";

    private static string AgencyOf(string commune) => $"ubnd-{commune}";

    /// <summary>
    /// The communes of the bench's own with their People's Committees: intake load lands in the intake communes, the hand-off
    /// probe in the inbox commune.
    /// </summary>
    public async Task RegisterAgenciesAsync()
    {
        var communes = Enumerable.Range(0, IntakeCommuneCount).Select(IntakeCommuneAt).Append(InboxCommune);
        foreach (var (commune, agency) in communes.Select(c => (c, AgencyOf(c))))
        {
            await SendAsync(HttpMethod.Post, "/api/communes", tokens.Admin,
                $$"""{"code":"{{commune}}","nameVi":"Xã đo {{commune}}","provinceCode":"44","effectiveFrom":"2025-07-01"}""", HttpStatusCode.Created, HttpStatusCode.OK);
            await SendAsync(HttpMethod.Post, "/api/agencies", tokens.Admin,
                $$"""{"id":"{{agency}}","nameVi":"UBND {{commune}}","kind":"CommunePeoplesCommittee","activeFrom":"2025-07-01","provinceCode":"44","communeCode":"{{commune}}"}""",
                HttpStatusCode.Created, HttpStatusCode.OK);
        }
    }

    /// <summary>
    /// A report of a child of its own: a Vietnamese name drawn from common family, middle and given names (about 300,000
    /// combinations, so namesakes occur as in a real province) and an age of 1–15 (the age every case type takes). Every report of one name would make each
    /// report a candidate duplicate of every earlier one — a worst case the service bounds (Cases/Matching), not intake.
    /// </summary>
    public static string ReportBody(string commune)
    {
        var name = $"{Pick(Family)} {Pick(Middle)} {Pick(Given)} {Pick(Given)}";
        var age = Random.Shared.Next(1, 16);
        var sex = Random.Shared.Next(2) == 0 ? "Female" : "Male";
        return $$$"""{"channel":"Hotline111","child":{"name":"{{{name}}}","sex":"{{{sex}}}","communeOfResidence":"{{{commune}}}","ageYears":{{{age}}}},"incident":{"commune":"{{{commune}}}","occurredAt":"2026-01-01T00:00:00+07:00","harmForms":["Neglect"],"description":"benchmark"}}""";
    }

    private static string Pick(string[] names) => names[Random.Shared.Next(names.Length)];

    private static readonly string[] Family =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lò", "Hà", "Sùng"];
    private static readonly string[] Middle = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thanh", "Hữu", "Quang", "Xuân", "Thu"];
    private static readonly string[] Given =
        ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Huyền", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam",
         "Ngân", "Nhung", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Việt", "Yến",
         "Anh", "Bảo", "Cường", "Duy", "Hằng", "Hương", "Kiên", "Loan", "My", "Nga", "Oanh", "Sang", "Thủy", "Vy", "Xuân"];

    /// <summary>Form 01 over HTTP into one of the intake communes, drawn at random: 201 with the new case id.</summary>
    public Task<Guid?> ReportAsync() => ReportIntoAsync(IntakeCommuneAt(Random.Shared.Next(IntakeCommuneCount)));

    /// <summary>Form 01 over HTTP into <paramref name="commune"/>: 201 with the new case id.</summary>
    public async Task<Guid?> ReportIntoAsync(string commune)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "/api/cases", tokens.Hotline, ReportBody(commune));
        if (response.StatusCode != HttpStatusCode.Created) return Fail("report", response);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var id = doc.RootElement.GetProperty("caseId").GetGuid();
        if (commune == IntakeCommune) Reported.Enqueue(id);
        return id;
    }

    /// <summary>The HTTP edge alone: authentication, body binding and validation, answered 400 before any database work.</summary>
    public async Task<bool> RejectedReportAsync()
    {
        using var response = await SendRawAsync(HttpMethod.Post, "/api/cases", tokens.Hotline,
            """{"channel":"Hotline111","child":{"name":"","sex":"Female","communeOfResidence":"x","ageYears":9},"incident":{"commune":"x","occurredAt":"2026-01-01T00:00:00+07:00","harmForms":["Neglect"],"description":"benchmark"}}""");
        return response.StatusCode == HttpStatusCode.BadRequest;
    }

    /// <summary>A verification step on an existing case; the new version from the ETag, or null.</summary>
    public async Task<long?> VerifyAsync(Guid caseId)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"/api/cases/{caseId}/verification", tokens.IntakeOfficer,
            """{"substantiated":true,"findings":"bench"}""");
        if (response.StatusCode != HttpStatusCode.OK) { Fail("step", response); return null; }
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }

    /// <summary>Legal aid recorded on a case by its commune officer (a step the pathway does not wait for); the HTTP status.</summary>
    public async Task<int> LegalAidAsync(Guid caseId)
    {
        using var response = await SendRawAsync(HttpMethod.Post, $"/api/cases/{caseId}/legal-aid", tokens.InboxOfficer,
            """{"provider":"Provincial legal aid centre","summary":"bench"}""");
        if (response.StatusCode != HttpStatusCode.OK) Fail("legal aid", response);
        return (int)response.StatusCode;
    }

    public async Task<bool> InboxHasAsync(Guid caseId)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"/api/agencies/{InboxAgency}/inbox?pageSize=100", tokens.InboxOfficer);
        if (response.StatusCode != HttpStatusCode.OK) { Fail("inbox", response); return false; }
        return (await response.Content.ReadAsStringAsync()).Contains(caseId.ToString());
    }

    public async Task<bool> GetAsOfAsync(Guid caseId, long version)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"/api/cases/{caseId}?version={version}", tokens.IntakeOfficer);
        if (response.StatusCode != HttpStatusCode.OK) { Fail("replay", response); return false; }
        await response.Content.ReadAsByteArrayAsync();
        return true;
    }

    /// <summary>One page of the feed: events delivered, and the cursor to continue after.</summary>
    public async Task<(int Events, long Next)> FeedAsync(long after, int limit)
    {
        using var response = await SendRawAsync(HttpMethod.Get, $"/api/feed?after={after}&limit={limit}", tokens.Integrator);
        if (response.StatusCode != HttpStatusCode.OK) { Fail("feed", response); return (0, after); }
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return (doc.RootElement.GetArrayLength(), long.Parse(response.Headers.GetValues("Feed-Next-Cursor").First()));
    }

    /// <summary>The communes the indicator part spreads the cases over in province 44, and the province's Department of Health that reads them.</summary>
    public async Task RegisterIndicatorUnitsAsync(IEnumerable<string> communes)
    {
        foreach (var commune in communes)
            await SendAsync(HttpMethod.Post, "/api/communes", tokens.Admin,
                $$"""{"code":"{{commune}}","nameVi":"Xã đo {{commune}}","provinceCode":"44","effectiveFrom":"2017-01-01"}""", HttpStatusCode.Created, HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, "/api/agencies", tokens.Admin,
            """{"id":"syt-bench","nameVi":"Sở Y tế đo","kind":"ProvincialHealthDepartment","activeFrom":"2017-01-01","provinceCode":"44"}""",
            HttpStatusCode.Created, HttpStatusCode.OK);
    }

    /// <summary>A province's indicators for a period, read by its Department of Health; the number of bytes, or null.</summary>
    public async Task<long?> IndicatorsAsync(string token, string province, string period, string? asOf = null)
    {
        using var response = await SendRawAsync(HttpMethod.Get,
            $"/api/indicators?level=province&unit={province}&period={period}{(asOf is null ? "" : $"&asOf={Uri.EscapeDataString(asOf)}")}", token);
        if (response.StatusCode != HttpStatusCode.OK) { Fail("indicators", response); return null; }
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    private async Task SendAsync(HttpMethod method, string path, string token, string body, params HttpStatusCode[] expected)
    {
        using var response = await SendRawAsync(method, path, token, body);
        if (!expected.Contains(response.StatusCode))
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string token, string? body = null)
    {
        var request = new HttpRequestMessage(method, url + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return http.SendAsync(request);
    }

    private static Guid? Fail(string what, HttpResponseMessage response)
    {
        Failures.Note(what, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        return null;
    }
}
