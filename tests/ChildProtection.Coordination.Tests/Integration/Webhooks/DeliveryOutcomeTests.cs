using ChildProtection.Coordination.Integration.Webhooks;

namespace ChildProtection.Coordination.Tests.Integration.Webhooks;

/// <summary>The retry schedule as a pure decision: doubling waits with jitter, then dead-lettering after the window.</summary>
public sealed class DeliveryOutcomeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Defaults = new();

    private static DeliveryAttempt Failed(DateTimeOffset at) => new(at, 500, null, 12);

    [Fact]
    public void failures_wait_twice_as_long_each_time_up_to_the_cap()
    {
        DeliveryOutcome.Backoff(1, Defaults, 1).ShouldBe(TimeSpan.FromSeconds(5));
        DeliveryOutcome.Backoff(2, Defaults, 1).ShouldBe(TimeSpan.FromSeconds(10));
        DeliveryOutcome.Backoff(5, Defaults, 1).ShouldBe(TimeSpan.FromSeconds(80));
        DeliveryOutcome.Backoff(40, Defaults, 1).ShouldBe(TimeSpan.FromHours(1));
        DeliveryOutcome.Backoff(2, Defaults, 0.8).ShouldBe(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void a_failing_delivery_is_retried_for_at_least_24_hours_by_default_then_dead_lettered()
    {
        var delivery = new WebhookDelivery { State = DeliveryState.Pending };
        var at = Start;
        while (true)
        {
            DeliveryOutcome.Record(delivery, Failed(at), succeeded: false, Defaults, jitter: 1.2);
            if (delivery.State == DeliveryState.DeadLettered) break;
            delivery.State.ShouldBe(DeliveryState.Retrying);
            delivery.NextAttemptAt!.Value.ShouldBeGreaterThan(at);
            at = delivery.NextAttemptAt.Value;
        }
        (delivery.Attempts[^1].At - delivery.Attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(24));
        delivery.Attempts.Count.ShouldBeLessThan(40);
        delivery.NextAttemptAt.ShouldBeNull();
    }

    [Fact]
    public void success_delivers_and_a_redrive_opens_a_fresh_window()
    {
        var delivery = new WebhookDelivery { State = DeliveryState.Pending };
        DeliveryOutcome.Record(delivery, Failed(Start), false, Defaults, 1);
        DeliveryOutcome.Record(delivery, Failed(Start.AddHours(25)), false, Defaults, 1);
        delivery.State.ShouldBe(DeliveryState.DeadLettered);

        DeliveryOutcome.Redrive(delivery);
        DeliveryOutcome.IsDue(delivery, Start.AddHours(26)).ShouldBeTrue();
        DeliveryOutcome.Record(delivery, Failed(Start.AddHours(26)), false, Defaults, 1);
        delivery.State.ShouldBe(DeliveryState.Retrying);
        delivery.NextAttemptAt.ShouldBe(Start.AddHours(26).AddSeconds(5));
        DeliveryOutcome.IsDue(delivery, Start.AddHours(26)).ShouldBeFalse();

        DeliveryOutcome.Record(delivery, new DeliveryAttempt(Start.AddHours(26).AddSeconds(5), 204, null, 3), true, Defaults, 1);
        delivery.State.ShouldBe(DeliveryState.Delivered);
        delivery.DeliveredAt.ShouldBe(Start.AddHours(26).AddSeconds(5));
        delivery.Attempts.Count.ShouldBe(4);
    }

    [Fact]
    public void the_signature_is_v1_comma_base64_hmac_sha256_over_id_timestamp_and_body()
    {
        // The example from the Standard Webhooks specification.
        var key = WebhookSecret.Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!;
        WebhookSecret.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}")
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}

/// <summary>A receiver's Retry-After, as a pure decision: kept, never in the past, capped.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Defaults = new();

    [Fact]
    public void seconds_or_a_date_are_kept_a_past_date_is_ignored_and_a_far_one_capped()
    {
        DeliveryOutcome.NotBefore(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), Now, Defaults).ShouldBe(Now.AddSeconds(120));
        DeliveryOutcome.NotBefore(new System.Net.Http.Headers.RetryConditionHeaderValue(Now.AddMinutes(10)), Now, Defaults).ShouldBe(Now.AddMinutes(10));
        DeliveryOutcome.NotBefore(new System.Net.Http.Headers.RetryConditionHeaderValue(Now.AddMinutes(-10)), Now, Defaults).ShouldBeNull();
        DeliveryOutcome.NotBefore(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromDays(3)), Now, Defaults).ShouldBe(Now + Defaults.MaxRetryAfter);
        DeliveryOutcome.NotBefore(null, Now, Defaults).ShouldBeNull();
    }

    [Fact]
    public void the_next_attempt_waits_for_the_later_of_the_backoff_and_the_receivers_wish()
    {
        var delivery = new WebhookDelivery { State = DeliveryState.Pending };
        DeliveryOutcome.Record(delivery, new DeliveryAttempt(Now, 503, null, 5), succeeded: false, Defaults, jitter: 1, notBefore: Now.AddMinutes(7));
        delivery.NextAttemptAt.ShouldBe(Now.AddMinutes(7));
        DeliveryOutcome.Record(delivery, new DeliveryAttempt(Now.AddMinutes(7), 503, null, 5), succeeded: false, Defaults, jitter: 1, notBefore: Now.AddMinutes(7).AddSeconds(1));
        delivery.NextAttemptAt.ShouldBe(Now.AddMinutes(7) + DeliveryOutcome.Backoff(2, Defaults, 1));
    }
}
