using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Tests.Support;

public static class Http
{
    public static readonly JsonSerializerOptions Json = CaseJson.Options;

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body, params (string Name, string Value)[] headers) =>
        client.PostRaw(url, JsonSerializer.Serialize(body, Json), headers);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static async Task<T> Read<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts the status and, for errors, that the body is an RFC 9457 problem detail with that status.</summary>
    public static async Task<JsonElement> ShouldHave(this HttpResponseMessage response, HttpStatusCode status)
    {
        status.ShouldNotBe(HttpStatusCode.Conflict, "a conflict test asserts which conflict: ShouldHave(HttpStatusCode.Conflict, ProblemKinds.…)");
        return await Problem(response, status);
    }

    /// <summary>Asserts the status and that the problem's <c>type</c> names <paramref name="kind"/>, so a client could tell it from another refusal.</summary>
    public static async Task<JsonElement> ShouldHave(this HttpResponseMessage response, HttpStatusCode status, ProblemKind kind)
    {
        var problem = await Problem(response, status);
        problem.GetProperty("type").GetString().ShouldBe(kind.Type, problem.GetRawText());
        return problem;
    }

    /// <summary>Whatever the refusal, it is a problem detail with its own status; a 409 names one of the known kinds.</summary>
    public static async Task<JsonElement> ShouldBeAProblem(this HttpResponseMessage response)
    {
        var problem = await Problem(response, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Conflict)
            ProblemKinds.All.Select(k => k.Type).ShouldContain(problem.GetProperty("type").GetString(), problem.GetRawText());
        return problem;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe((int)status, text);
        if ((int)status < 400 || text.Length == 0) return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem;
    }
}
