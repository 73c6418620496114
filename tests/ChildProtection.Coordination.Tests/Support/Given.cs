using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using System.Text.Json;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Common;
using CaseModel = ChildProtection.Coordination.Cases.Case;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Pure-test helpers: a case folded from events, and a step context at a fixed time.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7));
    public static readonly Guid CaseId = Guid.CreateVersion7();

    public static CaseReported Reported(int ageYears = 9, DateOnly? dateOfBirth = null, HarmForm[]? harm = null, DateTimeOffset? at = null) => new(
        CaseId, at ?? Now.AddDays(-1), ReportChannel.Hotline111, new Reporter(),
        new ChildDetails("Child", Sex.Female, "commune-1", dateOfBirth, dateOfBirth is null ? ageYears : null),
        new IncidentDetails("commune-1", (at ?? Now.AddDays(-1)).AddHours(-2), harm ?? [HarmForm.Violence], "what happened"));

    /// <summary>Folds events into the write model exactly as Marten does: Create from the first, Apply for the rest.</summary>
    public static CaseModel Case(params object[] events)
    {
        var current = CaseModel.Create((CaseReported)events[0]);
        foreach (var e in events.Skip(1)) ((dynamic)current).Apply((dynamic)e);
        return current;
    }

    /// <summary>
    /// The directory's answer a step endpoint reads before its decision: the commune in force for a code of the demo
    /// directory's (Quảng Trị 44, Hải Phòng 31), and the pure tests' own "commune-1"; null for any other code.
    /// </summary>
    public static Commune? InForce(string code) => DemoCommunes.GetValueOrDefault(code);

    private static readonly Dictionary<string, Commune> DemoCommunes =
        JsonSerializer.Deserialize<EstablishCommune[]>(
                DemoDirectorySeed.Resource("communes.json"), CaseJson.Options)!
            .Append(new EstablishCommune("commune-1", "Xã 1", "44", new DateOnly(2025, 7, 1)))
            .ToDictionary(c => c.Code, c => new Commune
                { Code = c.Code, NameVi = c.NameVi, NameEn = c.NameEn, ProvinceCode = c.ProvinceCode, ActiveFrom = c.EffectiveFrom });

    public static StepContext Context(string role = Roles.CommuneOfficer, DateTimeOffset? now = null, CaseRulesOptions? rules = null) =>
        new(new Actor("user-1", "User One", "agency-1", role), now ?? Now, rules ?? new CaseRulesOptions());

    public static IReadOnlyList<object> ShouldAccept(this Decision decision)
    {
        var accepted = decision.ShouldBeOfType<Decision.Accepted>($"expected acceptance, got {decision}");
        return accepted.Events;
    }

    /// <summary>A refusal with this status; a 409 names its kind through the other overload, since two conflicts differ by why.</summary>
    public static Decision.Rejected ShouldReject(this Decision decision, int status, string? field = null)
    {
        status.ShouldNotBe(409, "a conflict test asserts which conflict: ShouldReject(409, ProblemKinds.…)");
        var rejected = decision.ShouldBeOfType<Decision.Rejected>($"expected a {status}, got {decision}");
        rejected.Status.ShouldBe(status, rejected.Detail);
        if (field is not null) rejected.Field.ShouldBe(field);
        return rejected;
    }

    /// <summary>The kind of this name, for theories (an attribute cannot hold a <see cref="ProblemKind"/>).</summary>
    public static ProblemKind Kind(string name) => ProblemKinds.All.Single(k => k.Name == name);

    /// <summary>A refusal with this status and this kind (so this <c>type</c> on the wire).</summary>
    public static Decision.Rejected ShouldReject(this Decision decision, int status, ProblemKind kind, string? field = null)
    {
        var rejected = decision.ShouldBeOfType<Decision.Rejected>($"expected a {status} {kind.Name}, got {decision}");
        rejected.Status.ShouldBe(status, rejected.Detail);
        rejected.Kind.ShouldBe(kind, rejected.Detail);
        if (field is not null) rejected.Field.ShouldBe(field);
        return rejected;
    }
}
