using System.Data;
using System.Data.Common;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Tests.Support;
using Npgsql;
using Weasel.Core;
using ISerializer = Marten.ISerializer;
using SystemTextJsonSerializer = Marten.Services.SystemTextJsonSerializer;

namespace ChildProtection.Coordination.Tests.Operations;

public sealed class BufferedJsonSerializerTests
{
    private sealed record Doc(string Name, int Count, Kind Kind);

    private enum Kind { Plain, Special }

    [Fact]
    public void marten_calling_through_the_interface_reaches_the_synchronous_reads_and_the_rest_stays_martens()
    {
        var map = typeof(ISerializer).GetInterfaces().Append(typeof(ISerializer))
            .Select(i => typeof(BufferedJsonSerializer).GetInterfaceMap(i))
            .SelectMany(m => m.InterfaceMethods.Zip(m.TargetMethods))
            .ToList();
        var readerReads = map.Where(p => p.First.Name == "FromJsonAsync" && p.First.GetParameters().Any(x => x.ParameterType == typeof(DbDataReader))).ToList();

        readerReads.Count.ShouldBe(2);
        readerReads.ShouldAllBe(p => p.Second.DeclaringType == typeof(BufferedJsonSerializer));
        map.Where(p => !readerReads.Contains(p) && !p.First.IsStatic && !p.First.IsVirtual).ShouldBeEmpty();
        map.Except(readerReads).Where(p => p.Second.DeclaringType == typeof(BufferedJsonSerializer)).ShouldBeEmpty();
        new BufferedJsonSerializer().ShouldBeAssignableTo<SystemTextJsonSerializer>();
    }

    [Theory]
    [InlineData(CommandBehavior.Default)]
    [InlineData(CommandBehavior.SequentialAccess)]
    public async Task a_jsonb_row_reads_as_marten_reads_it_buffered_or_sequential(CommandBehavior behavior)
    {
        ISerializer serializer = new BufferedJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };
        ISerializer marten = new SystemTextJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };
        var written = new Doc("Nguyễn Văn \"A\" — " + new string('x', 20_000), 7, Kind.Special);
        var json = serializer.ToJson(written);

        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten") ?? AppFixture.DefaultConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select $1::jsonb, $1::jsonb", connection) { Parameters = { new NpgsqlParameter { Value = json } } };
        await using var reader = await command.ExecuteReaderAsync(behavior);
        (await reader.ReadAsync()).ShouldBeTrue();

        (await serializer.FromJsonAsync<Doc>(reader, 0)).ShouldBe(written);
        (await serializer.FromJsonAsync(typeof(Doc), reader, 1)).ShouldBe(written);
        marten.ToJson(written).ShouldBe(json);
    }
}
