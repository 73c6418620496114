using System.Data.Common;
using Marten;
using Marten.Services;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Marten's System.Text.Json serializer, except that a document or event read from a row is deserialized in one
/// synchronous pass over its bytes rather than by <c>JsonSerializer.DeserializeAsync</c> over a stream.
/// <para>
/// Why: Marten reads every row through the async overloads, and the async deserializer runs its resumable converters
/// and buffer management even for a 2 kB row Npgsql has already buffered; in the step's profile that was the largest
/// single item of the service's CPU. The column is still read with <c>GetFieldValueAsync</c>, whole, as bytes (at once for
/// a buffered row; awaiting I/O under sequential access, where a synchronous read of the column's stream would stop at
/// the connection's buffer — BufferedJsonSerializerTests); only the JSON is then parsed synchronously, by Marten's own
/// synchronous overloads. Everything else is Marten's serializer: this re-implements
/// <see cref="ISerializer"/> so that Marten's calls through the interface reach the two overrides, and anything that
/// asks for a <see cref="SystemTextJsonSerializer"/> still finds one.
/// </para>
/// </summary>
public sealed class BufferedJsonSerializer : SystemTextJsonSerializer, ISerializer
{
    public new async ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken = default)
    {
        var bytes = await reader.GetFieldValueAsync<byte[]>(index, cancellationToken).ConfigureAwait(false);
        return FromJson<T>(new MemoryStream(bytes, writable: false));
    }

    public new async ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken = default)
    {
        var bytes = await reader.GetFieldValueAsync<byte[]>(index, cancellationToken).ConfigureAwait(false);
        return FromJson(type, new MemoryStream(bytes, writable: false));
    }
}
