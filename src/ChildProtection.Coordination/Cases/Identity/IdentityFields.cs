using System.Globalization;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Cases.Identity;

/// <summary>
/// Which members of the case events name a person: the child's name, date of birth and school, the reporter's
/// name and phone, the parents' or carers' names, phones and addresses (Law on Children Arts. 6 and 21 count the school as private too). Sealing and revealing both
/// go through <see cref="Map"/>, so the two can never disagree about a field. The date of birth is a date, not a
/// string, so sealing moves it to <see cref="CaseReported.SealedChildDateOfBirth"/> and leaves the age at the
/// report in clear (the statistics need it); revealing moves it back.
/// </summary>
public static class IdentityFields
{
    private const string DateFormat = "yyyy-MM-dd";

    public static bool Carries(object e) => e is CaseReported or SchoolReintegrationPlanned or SchoolReintegrationCompleted;

    public static object Seal(object e, Func<string, string> seal) => Map(e, seal) switch
    {
        CaseReported { Child.DateOfBirth: { } dob } r => r with
        {
            Child = r.Child with { DateOfBirth = null, AgeYears = Case.AgeYears(dob, VietnamTime.DateOf(r.ReceivedAt)) },
            SealedChildDateOfBirth = seal(dob.ToString(DateFormat, CultureInfo.InvariantCulture)),
        },
        var other => other,
    };

    public static object Reveal(object e, Func<string, string> open) => Map(e, open) switch
    {
        CaseReported { SealedChildDateOfBirth: { } dob } r => r with
        {
            Child = r.Child with { DateOfBirth = OpenDate(dob, open) }, SealedChildDateOfBirth = null,
        },
        var other => other,
    };

    /// <summary>The event with <paramref name="f"/> applied to each identifying string; other events as they are.</summary>
    private static object Map(object e, Func<string, string> f) => e switch
    {
        CaseReported r => r with
        {
            Child = Child(r.Child, f),
            Reporter = r.Reporter with { Name = Optional(r.Reporter.Name, f), Phone = Optional(r.Reporter.Phone, f) },
            Carers = Carers(r.Carers, f),
        },
        SchoolReintegrationPlanned p => p with { School = f(p.School) },
        SchoolReintegrationCompleted c => c with { School = f(c.School) },
        _ => e,
    };

    /// <summary>Parents or carers: name, phone and address are identity; the relation is not.</summary>
    public static Carer[]? Carers(Carer[]? carers, Func<string, string> f) =>
        carers?.Select(c => c with { Name = f(c.Name), Phone = Optional(c.Phone, f), Address = Optional(c.Address, f) }).ToArray();

    public static ChildDetails Child(ChildDetails child, Func<string, string> f) =>
        child with { Name = f(child.Name), School = Optional(child.School, f) };

    /// <summary>The child as a summary holds it (sealed date of birth beside), opened.</summary>
    public static ChildDetails RevealChild(ChildDetails child, string? sealedDateOfBirth, Func<string, string> open) =>
        Child(child, open) with { DateOfBirth = sealedDateOfBirth is null ? child.DateOfBirth : OpenDate(sealedDateOfBirth, open) };

    /// <summary>A sealed date of birth, opened; null once erased.</summary>
    public static DateOnly? OpenDate(string sealedDate, Func<string, string> open) =>
        DateOnly.TryParseExact(open(sealedDate), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Optional(string? value, Func<string, string> f) => value is null ? null : f(value);
}
