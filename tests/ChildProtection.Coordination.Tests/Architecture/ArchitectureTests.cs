using System.Reflection;
using NetArchTest.Rules;

namespace ChildProtection.Coordination.Tests.Architecture;

/// <summary>
/// Folders depend one way, in the order the README draws: a folder may use the folders below it in
/// <see cref="Layers"/> and never one above it, nor a peer on its own line unless <see cref="PeerUses"/> names it.
/// The check reads the compiled IL (NetArchTest, through Mono.Cecil), so a fully qualified name or a method body
/// counts as much as a using directive.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "ChildProtection.Coordination";

    /// <summary>Lowest first. Folders on one line are peers.</summary>
    public static readonly string[][] Layers =
    [
        ["LegalTime"],
        ["Common"],
        ["Auth"],
        ["Agencies"],
        ["Cases"],
        ["Privacy", "Handoffs"],
        ["Audit", "Integration"],
        ["Indicators"],
        ["Operations"],
        ["Api", "Web"],
    ];

    /// <summary>The uses between peers that are allowed (user → used).</summary>
    private static readonly (string User, string Used)[] PeerUses = [];

    private static readonly Assembly Service = typeof(Program).Assembly;

    public static TheoryData<string> Folders() => new(Layers.SelectMany(l => l));

    [Theory]
    [MemberData(nameof(Folders))]
    public void a_folder_uses_no_folder_above_it_nor_an_unnamed_peer(string folder)
    {
        var level = Array.FindIndex(Layers, l => l.Contains(folder));
        var forbidden = Layers.Skip(level).SelectMany(l => l)
            .Where(f => f != folder && !PeerUses.Contains((folder, f)))
            .Select(f => $"{Root}.{f}")
            .Append($"{Root}.Internal")
            .ToArray();

        var result = Types.InAssembly(Service).That().ResideInNamespace($"{Root}.{folder}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty($"{folder} uses a folder above it ({string.Join(", ", forbidden)})");
    }

    [Fact]
    public void every_folder_of_the_service_is_in_a_layer()
    {
        var known = Layers.SelectMany(l => l).Append("Internal").ToHashSet();
        var folders = Service.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(n => n[(Root.Length + 1)..].Split('.')[0])
            .Distinct();
        folders.Where(f => !known.Contains(f)).ShouldBeEmpty();
    }
}
