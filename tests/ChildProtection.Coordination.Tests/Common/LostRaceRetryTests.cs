using ChildProtection.Coordination.Common;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Common;

/// <summary><see cref="LostRace.RetryAsync"/> makes as many attempts as it is asked for, not at most one per cooldown.</summary>
public sealed class LostRaceRetryTests
{
    // mt_quick_append_events' own version check: a lost race.
    private static Exception Lost() => new PostgresException("Stream version mismatch", "ERROR", "ERROR", "MT003");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public async Task a_writer_that_always_loses_is_tried_exactly_the_attempts_asked_for_then_gives_up(int attempts)
    {
        var tried = 0;
        var won = await LostRace.RetryAsync(() => { tried++; throw Lost(); }, CancellationToken.None, attempts);

        won.ShouldBeFalse();
        tried.ShouldBe(attempts);
    }

    [Fact]
    public async Task a_writer_that_wins_on_its_third_try_is_done_and_not_tried_again()
    {
        var tried = 0;
        (await LostRace.RetryAsync(() => ++tried < 3 ? throw Lost() : Task.CompletedTask, CancellationToken.None)).ShouldBeTrue();
        tried.ShouldBe(3);
    }

    [Fact]
    public async Task a_failure_that_is_not_a_lost_race_is_not_retried()
    {
        var tried = 0;
        await Should.ThrowAsync<InvalidOperationException>(() => LostRace.RetryAsync(() => { tried++; throw new InvalidOperationException("other"); },
            CancellationToken.None));
        tried.ShouldBe(1);
    }
}
