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

    [Fact]
    public void the_canonical_form_sorts_keys_at_every_depth_and_has_no_whitespace()
    {
        CaseChain.Canonical(Row("""{"z": 1, "a": {"y": [3, {"b": true, "a": null}], "x": "Đồng Hới"}}""")).ShouldBe((
            "{'causationId':null,'correlationId':'corr','data':{'a':{'x':'Đồng Hới','y':[3,{'a':null,'b':true}]},'z':1}," +
            "'headers':{'agency':'a','role':'auditor'},'id':'0193a1b2-0000-7000-8000-000000000001'," +
            "'streamId':'0193a1b2-0000-7000-8000-0000000000ff','timestamp':'2026-11-25T03:04:05.123456Z','type':'report_verified','version':1}")
            .Replace('\'', '"'));
    }

    [Fact]
    public void the_same_event_stored_with_other_key_order_or_spacing_hashes_the_same()
    {
        CaseChain.Hash(Row("""{"a":1,"b":2}"""), CaseChain.Genesis).ShouldBe(CaseChain.Hash(Row("""{ "b": 2, "a": 1 }"""), CaseChain.Genesis));
        CaseChain.Hash(Row("""{"a":1,"b":3}"""), CaseChain.Genesis).ShouldNotBe(CaseChain.Hash(Row("""{"a":1,"b":2}"""), CaseChain.Genesis));
    }

    [Fact]
    public void each_hash_covers_the_previous_one()
    {
        var row = Row("{}", headers: null);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CaseChain.Genesis + "\n" + CaseChain.Canonical(row))));
        CaseChain.Hash(row, CaseChain.Genesis).ShouldBe(expected);
        CaseChain.Genesis.ShouldBe(new string('0', 64));
        CaseChain.Hash(row, expected).ShouldNotBe(expected);
    }
}
