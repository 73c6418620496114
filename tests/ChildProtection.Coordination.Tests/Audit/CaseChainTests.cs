using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Audit.Integrity;

namespace ChildProtection.Coordination.Tests.Audit;

/// <summary>The canonical form and the chain, as an outside party would recompute them.</summary>
public sealed class CaseChainTests
{
    private static readonly Guid Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");
    private static readonly Guid Stream = Guid.Parse("0193a1b2-0000-7000-8000-0000000000ff");

    private static EventRow Row(string data, long version = 1, string? headers = """{"role": "auditor", "agency": "a"}""") =>
        new(10, Id, Stream, version, "report_verified", data, new DateTime(2026, 11, 25, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560),
            "corr", null, headers);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void the_canonical_form_sorts_keys_at_every_depth_and_has_no_whitespace(int chainVersion)
    {
        CaseChain.Canonical(Row("""{"z": 1, "a": {"y": [3, {"b": true, "a": null}], "x": "Đồng Hới"}}"""), chainVersion).ShouldBe((
            "{'causationId':null,'correlationId':'corr','data':{'a':{'x':'Đồng Hới','y':[3,{'a':null,'b':true}]},'z':1}," +
            "'headers':{'agency':'a','role':'auditor'},'id':'0193a1b2-0000-7000-8000-000000000001'," +
            "'streamId':'0193a1b2-0000-7000-8000-0000000000ff','timestamp':'2026-11-25T03:04:05.123456Z','type':'report_verified','version':1}")
            .Replace('\'', '"'));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void the_same_event_stored_with_other_key_order_or_spacing_hashes_the_same(int v)
    {
        CaseChain.Hash(Row("""{"a":1,"b":2}"""), CaseChain.Genesis, v).ShouldBe(CaseChain.Hash(Row("""{ "b": 2, "a": 1 }"""), CaseChain.Genesis, v));
        CaseChain.Hash(Row("""{"a":1,"b":3}"""), CaseChain.Genesis, v).ShouldNotBe(CaseChain.Hash(Row("""{"a":1,"b":2}"""), CaseChain.Genesis, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void each_hash_covers_the_previous_one(int v)
    {
        var row = Row("{}", headers: null);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CaseChain.Genesis + "\n" + CaseChain.Canonical(row, v))));
        CaseChain.Hash(row, CaseChain.Genesis, v).ShouldBe(expected);
        CaseChain.Genesis.ShouldBe(new string('0', 64));
        CaseChain.Hash(row, expected, v).ShouldNotBe(expected);
    }

    [Fact]
    public void version_2_writes_u2028_and_emoji_as_themselves_where_version_1_escaped_them_and_old_seals_count_as_version_1()
    {
        var row = Row("""{"note": "a\u2028b 👧 <c>"}""");
        CaseChain.Canonical(row, 2).ShouldContain("\"note\":\"a\u2028b 👧 <c>\"");
        CaseChain.Canonical(row, 1).ShouldNotBe(CaseChain.Canonical(row, 2));
        CaseChain.Version(0).ShouldBe(1);
        CaseChain.Hash(row, CaseChain.Genesis, 0).ShouldBe(CaseChain.Hash(row, CaseChain.Genesis, 1));
    }
}

/// <summary>RFC 8785 against the examples published with it, and against JavaScript's own JSON.stringify.</summary>
public sealed class JsonCanonicalizationTests
{
    [Fact]
    public void the_rfc_8785_sample_gives_the_published_bytes()
    {
        var input = """{"numbers": [1E30,4.50,6,2e-3,0.000000000000000000000000001], "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "other": [null, true, false]}""";
        var canonical = JsonCanonicalization.Serialize(System.Text.Json.Nodes.JsonNode.Parse(input));
        Convert.ToHexStringLower(Encoding.UTF8.GetBytes(canonical)).ShouldBe(
            "7b226573636170696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f222c226e756d62657273223a5b31652b33302c342e352c362c302e3030322c31652d32375d2c226f74686572223a5b6e756c6c2c747275652c66616c73655d7d");
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    public void numbers_are_written_as_ecmascript_writes_them(double value, string expected) =>
        JsonCanonicalization.Number(value).ShouldBe(expected);

    [Fact]
    public void sorting_is_by_utf16_code_units()
    {
        // RFC 8785 §3.2.3's example: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" (surrogates, 0xD83D) < "דּ" (0xFB33).
        var input = """{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}""";
        var canonical = JsonCanonicalization.Serialize(System.Text.Json.Nodes.JsonNode.Parse(input));
        var values = System.Text.Json.JsonDocument.Parse(canonical).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToArray();
        values.ShouldBe(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"]);
    }
}
