using System.Reflection;
using JasperFx.Events;
using Marten;
using Npgsql;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// A Marten single-stream projection's own <c>Create</c>/<c>Apply</c> methods, bound once, to fold events read outside
/// Marten (the as-of reads, the fast rebuilds) with the very code the projection runs, not a second implementation of it.
/// Knows the conventions the service's projections use — <c>static TDoc Create(IEvent&lt;E&gt;)</c> or <c>Create(E)</c>,
/// <c>void Apply(E, TDoc)</c> or <c>Apply(IEvent&lt;E&gt;, TDoc)</c> — and refuses to start on any other one
/// (<c>ShouldDelete</c>, <c>Evolve</c>, …) rather than fold differently from Marten.
/// </summary>
/// <remarks>
/// Rows are read narrowly (<see cref="Columns"/>): an event's data only where the projection folds its type, its headers
/// only for <c>headersOf</c>, the event types whose methods read them (reading every event's headers is a dictionary
/// deserialised per event for nothing). The envelope handed to an <c>IEvent&lt;E&gt;</c> method carries the stream,
/// sequence, version and timestamp; nothing else of Marten's metadata.
/// </remarks>
public sealed class ProjectionFold<TDoc> where TDoc : class, new()
{
    private readonly Dictionary<Type, Func<Row, TDoc>> _creates = [];
    private readonly Dictionary<Type, Action<Row, TDoc>> _applies = [];
    private readonly HashSet<Type> _headersOf;
    private readonly Action<TDoc, Guid> _setId;
    private readonly Action<TDoc, long>? _setVersion;
    private Aliases? _aliases;

    /// <summary>One event as read: its data deserialised, its headers where read.</summary>
    public readonly record struct Row(Guid StreamId, long Sequence, long Version, DateTimeOffset Timestamp, object Data, Dictionary<string, object>? Headers);

    public ProjectionFold(object projection, params Type[] headersOf)
    {
        _headersOf = [.. headersOf];
        foreach (var m in projection.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            var p = m.GetParameters();
            var (eventType, envelope) = p.Length > 0 ? EventOf(p[0].ParameterType) : (null, false);
            if (m.Name == "Create" && m.IsStatic && p.Length == 1 && m.ReturnType == typeof(TDoc) && eventType != typeof(object))
                _creates[eventType!] = (Func<Row, TDoc>)Bind(nameof(BindCreate), eventType!, m, projection, envelope);
            else if (m.Name == "Apply" && p.Length == 2 && p[1].ParameterType == typeof(TDoc) && m.ReturnType == typeof(void) && eventType != typeof(object))
                _applies[eventType!] = (Action<Row, TDoc>)Bind(nameof(BindApply), eventType!, m, projection, envelope);
            else if (m.Name is "Create" or "Apply" or "ShouldDelete" or "Evolve" or "EvolveAsync" or "DetermineAction")
                // A convention this fold does not know would make it differ from the projection: fail loudly, not silently.
                throw new InvalidOperationException($"ProjectionFold<{typeof(TDoc).Name}> does not fold {m}; teach it this signature.");
        }
        _setId = typeof(TDoc).GetProperty("Id") is { PropertyType: var t, SetMethod: { } setId } && t == typeof(Guid)
            ? setId.CreateDelegate<Action<TDoc, Guid>>()
            : throw new InvalidOperationException($"{typeof(TDoc).Name} has no settable Guid Id");
        // Marten sets a document's Version (when it has one) to the version of the stream's last event.
        _setVersion = typeof(TDoc).GetProperty("Version") switch
        {
            { PropertyType: var v, SetMethod: { } set } when v == typeof(long) => set.CreateDelegate<Action<TDoc, long>>(),
            { PropertyType: var v, SetMethod: { } set } when v == typeof(int) => Widen(set.CreateDelegate<Action<TDoc, int>>()),
            _ => null,
        };
    }

    /// <summary>
    /// Whether the document records the stream's version: then every event of the stream is read (the data only of the folded
    /// ones), since the version is that of the last event, folded or not; otherwise only the folded events are read.
    /// </summary>
    public bool ReadsEveryEvent => _setVersion is not null;

    public IEnumerable<Type> EventTypes => _creates.Keys.Concat(_applies.Keys);

    /// <summary>
    /// The select list for a query on <c>mt_events</c> that <see cref="Fold(TDoc?, NpgsqlDataReader, int, StoreOptions)"/> reads
    /// from column <c>first</c> on: <paramref name="folded"/> and <paramref name="headers"/> name the parameters that
    /// <see cref="AddParameters"/> adds (the stored type names of the folded events and of those whose headers are read).
    /// </summary>
    public static string Columns(string folded, string headers) =>
        $"stream_id, seq_id, version, timestamp, type, case when type = any({folded}) then data end, case when type = any({headers}) then headers end";

    /// <summary>The two parameters of <see cref="Columns"/>, in that order.</summary>
    public void AddParameters(NpgsqlCommand command, StoreOptions options)
    {
        var aliases = AliasesOf(options);
        command.Parameters.Add(new NpgsqlParameter { Value = aliases.Folded });
        command.Parameters.Add(new NpgsqlParameter { Value = aliases.Headers });
    }

    /// <summary>
    /// One row of <see cref="Columns"/> (from column <paramref name="first"/>) folded into <paramref name="doc"/>, which is
    /// null until the stream's first folded event. As Marten: the first event makes the document with <c>Create</c>
    /// where there is one for its type, else a new document with the stream's id; later events go to <c>Apply</c>.
    /// </summary>
    public TDoc? Fold(TDoc? doc, NpgsqlDataReader reader, int first, StoreOptions options)
    {
        var aliases = AliasesOf(options);
        var version = reader.GetInt64(first + 2);
        if (!reader.IsDBNull(first + 5) && aliases.Types.TryGetValue(reader.GetString(first + 4), out var type))
        {
            var serializer = aliases.Serializer;
            var streamId = reader.GetGuid(first);
            var row = new Row(streamId, reader.GetInt64(first + 1), version, reader.GetFieldValue<DateTimeOffset>(first + 3),
                serializer.FromJson(type, reader, first + 5),
                reader.IsDBNull(first + 6) ? null : (Dictionary<string, object>)serializer.FromJson(typeof(Dictionary<string, object>), reader, first + 6));
            if (doc is null && _creates.TryGetValue(type, out var create)) doc = create(row);
            else if (_applies.TryGetValue(type, out var apply))
            {
                if (doc is null) _setId(doc = new TDoc(), streamId);
                apply(row, doc);
            }
        }
        if (doc is not null) _setVersion?.Invoke(doc, version);
        return doc;
    }

    private Aliases AliasesOf(StoreOptions options)
    {
        if (_aliases is { } known && ReferenceEquals(known.Options, options)) return known;
        var events = (Marten.Events.EventGraph)options.Events;
        var types = EventTypes.ToDictionary(t => events.EventMappingFor(t).EventTypeName);
        return _aliases = new Aliases(options, options.Serializer(), types, [.. types.Keys], [.. types.Where(t => _headersOf.Contains(t.Value)).Select(t => t.Key)]);
    }

    private sealed record Aliases(StoreOptions Options, ISerializer Serializer, Dictionary<string, Type> Types, string[] Folded, string[] Headers);

    /// <summary>The event type a method's first parameter takes, and whether it takes it in its envelope (<c>IEvent&lt;E&gt;</c>).</summary>
    private static (Type Type, bool Envelope) EventOf(Type parameter) =>
        parameter.IsGenericType && parameter.GetGenericTypeDefinition() == typeof(IEvent<>)
            ? (parameter.GetGenericArguments()[0], true)
            : typeof(IEvent).IsAssignableFrom(parameter) ? (typeof(object), false) : (parameter, false);

    private static Action<TDoc, long> Widen(Action<TDoc, int> set) => (doc, value) => set(doc, (int)value);

    private static Delegate Bind(string binder, Type eventType, MethodInfo method, object projection, bool envelope) =>
        (Delegate)typeof(ProjectionFold<TDoc>).GetMethod(binder, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(eventType).Invoke(null, [method, projection, envelope])!;

    private static Func<Row, TDoc> BindCreate<TEvent>(MethodInfo method, object projection, bool envelope) where TEvent : notnull
    {
        if (envelope)
        {
            var call = method.CreateDelegate<Func<IEvent<TEvent>, TDoc>>();
            return row => call(Envelope<TEvent>(row));
        }
        var plain = method.CreateDelegate<Func<TEvent, TDoc>>();
        return row => plain((TEvent)row.Data);
    }

    private static Action<Row, TDoc> BindApply<TEvent>(MethodInfo method, object projection, bool envelope) where TEvent : notnull
    {
        if (envelope)
        {
            var call = method.IsStatic ? method.CreateDelegate<Action<IEvent<TEvent>, TDoc>>() : method.CreateDelegate<Action<IEvent<TEvent>, TDoc>>(projection);
            return (row, doc) => call(Envelope<TEvent>(row), doc);
        }
        var plain = method.IsStatic ? method.CreateDelegate<Action<TEvent, TDoc>>() : method.CreateDelegate<Action<TEvent, TDoc>>(projection);
        return (row, doc) => plain((TEvent)row.Data, doc);
    }

    private static Event<TEvent> Envelope<TEvent>(Row row) where TEvent : notnull
    {
        var e = new Event<TEvent>((TEvent)row.Data) { StreamId = row.StreamId, Sequence = row.Sequence, Version = row.Version, Timestamp = row.Timestamp };
        if (row.Headers is not null) e.Headers = row.Headers;
        return e;
    }
}
