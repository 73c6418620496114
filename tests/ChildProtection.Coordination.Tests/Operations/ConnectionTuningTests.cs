using ChildProtection.Coordination.Operations;
using Npgsql;

namespace ChildProtection.Coordination.Tests.Operations;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void the_pool_skips_the_reset_and_auto_prepares_by_default()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionTuning.Apply("Host=db;Database=cp;Username=svc"));

        tuned.NoResetOnClose.ShouldBeTrue();
        // Safe because BindGuard refuses what PostgreSQL would refuse at Bind before it is sent (PoolPoisoningTests).
        tuned.MaxAutoPrepare.ShouldBe(100);
        tuned.Host.ShouldBe("db");
        tuned.Database.ShouldBe("cp");
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=20")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=20")]
    public void an_operators_own_setting_wins_in_either_spelling(string configured)
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionTuning.Apply(configured));

        tuned.NoResetOnClose.ShouldBeFalse();
        tuned.MaxAutoPrepare.ShouldBe(20);
    }
}
