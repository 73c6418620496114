using ChildProtection.Coordination.Cases;

namespace ChildProtection.Coordination.Privacy;

/// <summary>
/// Which members of the case events name a person: the child's name and school, the reporter's name and
/// phone (Law on Children Arts. 6 and 21 count the school as private too). Sealing and revealing both go
/// through <see cref="Map"/>, so the two can never disagree about a field. The child's date of birth stays
/// clear: the age rules (under 16, a guardian at the examination under 13, the child's consent from 7) fold it.
/// </summary>
public static class IdentityFields
{
    public static bool Carries(object e) => e is CaseReported or SchoolReintegrationPlanned or SchoolReintegrationCompleted;

    /// <summary>The event with <paramref name="f"/> applied to each identifying string; other events as they are.</summary>
    public static object Map(object e, Func<string, string> f) => e switch
    {
        CaseReported r => r with
        {
            Child = Child(r.Child, f),
            Reporter = r.Reporter with { Name = Optional(r.Reporter.Name, f), Phone = Optional(r.Reporter.Phone, f) },
        },
        SchoolReintegrationPlanned p => p with { School = f(p.School) },
        SchoolReintegrationCompleted c => c with { School = f(c.School) },
        _ => e,
    };

    public static ChildDetails Child(ChildDetails child, Func<string, string> f) =>
        child with { Name = f(child.Name), School = Optional(child.School, f) };

    private static string? Optional(string? value, Func<string, string> f) => value is null ? null : f(value);
}
