using System.Text.Json;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;

namespace ChildProtection.Coordination.Tests.Common;

/// <summary>
/// The service's own words for a body it cannot read, from the serializer's real messages (the API's JSON options): the field
/// when the message names one, the position when it has one, and never a type name or the body's text.
/// </summary>
public sealed class UnreadableBodyTests
{
    private static (string Field, string Detail) Refused<T>(string body)
    {
        var e = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<T>(body, CaseJson.Options));
        var described = UnreadableBody.Describe(e.Message, e.LineNumber, e.BytePositionInLine);
        described.Detail.ShouldNotContain("ChildProtection");
        described.Detail.ShouldNotContain("System.");
        described.Detail.ShouldNotContain(typeof(T).Name);
        return described;
    }

    [Fact]
    public void a_body_that_is_not_json_is_refused_at_its_line_and_byte_without_repeating_it()
    {
        var (field, detail) = Refused<LinkCases>("{\n  \"reason\": Nguyễn");
        field.ShouldBe("reason");
        detail.ShouldBe("The body is not valid JSON at line 2, byte 13 (in 'reason').");
        detail.ShouldNotContain("Nguy");
    }

    [Fact]
    public void a_body_of_the_wrong_shape_names_the_body() =>
        Refused<LinkCases>("[]").ShouldBe(("body", "The body must be a JSON object holding this request's members."));

    [Fact]
    public void a_member_of_the_wrong_kind_is_named_by_its_path()
    {
        Refused<VerifyReport>("""{"substantiated": "yes", "findings": "x"}""").Field.ShouldBe("substantiated");
        Refused<LinkCases>("""{"otherCaseId": "00000000-0000-0000-0000-000000000001", "kind": "Cousin", "reason": "x"}""").Field.ShouldBe("kind");
    }

    [Fact]
    public void a_missing_required_member_is_named() =>
        Refused<VerifyReport>("""{"substantiated": true}""").ShouldBe(("findings", "'findings' is required."));

    [Fact]
    public void a_null_where_null_is_refused_is_named() =>
        Refused<VerifyReport>("""{"substantiated": true, "findings": null}""").ShouldBe(("findings", "'findings' may not be null."));

    [Fact]
    public void an_unreadable_body_without_a_message_is_the_body_that_could_not_be_read() =>
        UnreadableBody.Describe(null, null, null).ShouldBe(("body", "The request body could not be read."));
}
