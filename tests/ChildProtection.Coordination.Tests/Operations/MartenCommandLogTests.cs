using ChildProtection.Coordination.Operations;
using JasperFx;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

/// <summary>Which failed Marten commands are a handled lost race (one Debug line) and which are errors.</summary>
public sealed class MartenCommandLogTests
{
    [Theory]
    [InlineData("23505", "pk_mt_events_stream_and_version", true)]
    [InlineData("23505", "mt_events_default_stream_id_version_idx", true)]
    [InlineData("MT003", null, true)]
    [InlineData("23505", "pk_mt_doc_idempotencyrecord", false)]
    [InlineData("23505", "pk_mt_streams", false)]
    [InlineData("22021", null, false)]
    [InlineData("57P01", null, false)]
    public void a_lost_race_on_a_stream_version_is_told_apart_from_other_failures(string sqlState, string? constraint, bool lostRace) =>
        MartenCommandLog.IsLostRace(new PostgresException("failed", "ERROR", "ERROR", sqlState, constraintName: constraint)).ShouldBe(lostRace);

    [Fact]
    public void marten_concurrency_exceptions_are_lost_races_even_when_wrapped() =>
        MartenCommandLog.IsLostRace(new InvalidOperationException("wrapped", new ConcurrencyException("lost", typeof(object), Guid.NewGuid()))).ShouldBeTrue();
}
