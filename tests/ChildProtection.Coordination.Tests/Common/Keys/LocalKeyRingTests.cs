using ChildProtection.Coordination.Common.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildProtection.Coordination.Tests.Common.Keys;

/// <summary>The local key ring: AES-GCM key wrap under versioned key-encryption keys kept in a file, never in the database.</summary>
public sealed class LocalKeyRingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-key-ring-").FullName;
    private static readonly byte[] DataKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private LocalKeyRing Ring(string name = "ring.json") =>
        new(Options.Create(new KeyOptions { KeyRingFile = Path.Combine(_dir, name) }), NullLogger<LocalKeyRing>.Instance);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task a_wrapped_key_names_its_version_opens_only_for_its_context_and_the_ring_file_is_created_readable_by_the_owner_alone()
    {
        var ring = Ring();
        var wrapped = await ring.WrapAsync(DataKey, "case-key:1", CancellationToken.None);

        wrapped.ShouldStartWith("kw:v1:1:");
        (await ring.UnwrapAsync(wrapped, "case-key:1", CancellationToken.None)).ShouldBe(DataKey);
        await Should.ThrowAsync<KeyUnavailableException>(() => ring.UnwrapAsync(wrapped, "case-key:2", CancellationToken.None));
        (await File.ReadAllTextAsync(ring.Path)).ShouldNotContain(Convert.ToBase64String(DataKey));
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(ring.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task another_ring_cannot_open_what_this_one_wrapped()
    {
        var wrapped = await Ring().WrapAsync(DataKey, "case-key:1", CancellationToken.None);
        await Should.ThrowAsync<KeyUnavailableException>(() => Ring("elsewhere.json").UnwrapAsync(wrapped, "case-key:1", CancellationToken.None));
    }

    [Fact]
    public async Task a_new_version_wraps_from_then_on_while_every_older_one_still_opens_also_on_a_node_that_reads_the_file_again()
    {
        var ring = Ring();
        var node = Ring();
        var old = await ring.WrapAsync(DataKey, "c", CancellationToken.None);
        (await node.UnwrapAsync(old, "c", CancellationToken.None)).ShouldBe(DataKey);

        (await ring.AddVersionAsync(CancellationToken.None)).ShouldBe("2");
        var fresh = await ring.WrapAsync(DataKey, "c", CancellationToken.None);

        fresh.ShouldStartWith("kw:v1:2:");
        ring.IsCurrent(fresh).ShouldBeTrue();
        ring.IsCurrent(old).ShouldBeFalse();
        (await ring.UnwrapAsync(old, "c", CancellationToken.None)).ShouldBe(DataKey);
        // The other node has version 1 cached; meeting version 2 it reads the ring again.
        (await node.UnwrapAsync(fresh, "c", CancellationToken.None)).ShouldBe(DataKey);
    }
}
