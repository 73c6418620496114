using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>
/// The keyed hash every stored match key and block entry is made of: it must stay HMAC-SHA256 of "purpose␟value" whatever
/// the implementation reuses, or the keys already stored would no longer meet the new ones.
/// </summary>
public class MatchKeySecretTests
{
    private static long Expected(byte[] key, string purpose, string value) =>
        BinaryPrimitives.ReadInt64LittleEndian(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\u001f" + value)));

    [Fact]
    public void each_hash_is_the_hmac_of_purpose_and_value_with_two_keys_taking_turns_on_one_thread()
    {
        var (k1, k2) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(48));
        var (s1, s2) = (new MatchKeySecret(k1), new MatchKeySecret(k2));
        foreach (var value in new[] { "mai", "Nguyễn", "", "2017-03", "mai" })
        {
            s1.Hash64("name", value).ShouldBe(Expected(k1, "name", value));
            s2.Hash64("name", value).ShouldBe(Expected(k2, "name", value));
            s1.Hash64("block", value).ShouldBe(Expected(k1, "block", value));
        }
        s1.Hash64("name", "mai").ShouldNotBe(s2.Hash64("name", "mai"));
    }

    [Fact]
    public async Task hashes_computed_on_many_threads_at_once_are_each_the_hmac()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = new MatchKeySecret(key);
        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
                if (secret.Hash64("name-form", $"{t}-{i}") != Expected(key, "name-form", $"{t}-{i}")) Interlocked.Increment(ref wrong);
        })));
        wrong.ShouldBe(0);
    }
}
