using ChildProtection.Coordination.LegalTime;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>The identity parts matching compares, in clear: only ever held in memory while a key is computed.</summary>
/// <param name="BornFrom">The earliest date of birth the report allows: the date of birth, or the day after the child's birthday of
/// the age given, that many years plus one before the report.</param>
/// <param name="BornTo">The latest: the date of birth, or the report's date that many years before.</param>
public sealed record MatchIdentity(string Name, Sex Sex, DateOnly? DateOfBirth, DateOnly BornFrom, DateOnly BornTo, string? CommuneOfResidence,
    string[] Schools, string[] CarerNames)
{
    public static MatchIdentity Of(ChildDetails child, DateTimeOffset receivedAt, IEnumerable<Carer>? carers) =>
        Of(child.Name, child.Sex, child.DateOfBirth, child.AgeYears, VietnamTime.DateOf(receivedAt), child.CommuneOfResidence,
            child.School is { Length: > 0 } school ? [school] : [], (carers ?? []).Select(c => c.Name).ToArray());

    public static MatchIdentity Of(string name, Sex sex, DateOnly? dateOfBirth, int? ageYears, DateOnly reportDate, string? commune,
        string[] schools, string[] carerNames)
    {
        var (from, to) = dateOfBirth is { } dob ? (dob, dob)
            : ageYears is { } age ? (reportDate.AddYears(-age - 1).AddDays(1), reportDate.AddYears(-age))
            : (DateOnly.MinValue, DateOnly.MinValue);
        return new MatchIdentity(name, sex, dateOfBirth, from, to, commune, schools, carerNames.Where(n => !string.IsNullOrWhiteSpace(n)).ToArray());
    }

    /// <summary>The years the child may have been born in.</summary>
    public int[] BirthYears => BornFrom == DateOnly.MinValue ? [] : Enumerable.Range(BornFrom.Year, BornTo.Year - BornFrom.Year + 1).ToArray();

    /// <summary>The months (year and month) the child may have been born in.</summary>
    public IEnumerable<DateOnly> BirthMonths()
    {
        if (BornFrom == DateOnly.MinValue) yield break;
        for (var m = new DateOnly(BornFrom.Year, BornFrom.Month, 1); m <= BornTo; m = m.AddMonths(1)) yield return m;
    }
}

/// <summary>
/// A case's match key: keyed hashes (<see cref="MatchKeySecret"/>) of the normalised parts of the child's identity, and the
/// blocks that find its candidates through an index. Nothing here can be read back into a name, a date or a place without
/// the service's key; the case's erasure deletes it. One document per case, id = the case id.
/// </summary>
public sealed class ChildMatchKey
{
    /// <summary>
    /// The layout of the hashes and index entries this code computes. A key of another scheme (or another service key) is
    /// never compared with these, and the backfill recomputes it: bump this when what is hashed or indexed changes.
    /// </summary>
    public const int Scheme = 2;

    public Guid Id { get; set; }
    /// <summary>Which service key hashed it and by which scheme (<see cref="KeyIdOf"/>).</summary>
    public string KeyId { get; set; } = "";
    public long? Family { get; set; }
    public long? Given { get; set; }
    /// <summary>Every name word but "Thị"/"Văn", in any order.</summary>
    public long[] Tokens { get; set; } = [];
    /// <summary>Each of <see cref="Tokens"/> and its one-letter-out forms, for names one typing slip apart.</summary>
    public long[][] TokenForms { get; set; } = [];
    public long[] GivenForms { get; set; } = [];
    /// <summary>The words between family and given name, "Thị"/"Văn" included: two names whose middle names differ are two children.</summary>
    public long[] Middles { get; set; } = [];
    /// <summary>The middle names' one-letter-out forms: a typing slip in a middle name is no disagreement.</summary>
    public long[] MiddleForms { get; set; } = [];
    public long[] FamilyForms { get; set; } = [];
    public long? BirthDate { get; set; }
    /// <summary>Year and month: a wrong day of birth still agrees here.</summary>
    public long? BirthMonth { get; set; }
    /// <summary>Year with day and month in either order (03/05 and 05/03 alike).</summary>
    public long? BirthDayMonth { get; set; }
    /// <summary>Day and month without the year: a year misremembered still agrees here.</summary>
    public long? BirthDay { get; set; }
    public long[] BirthYears { get; set; } = [];
    /// <summary>The year-months of birth the report allows: one for a date of birth, thirteen for an age.</summary>
    public long[] BirthMonths { get; set; } = [];
    /// <summary>The birth years one either side: a year misremembered still agrees here.</summary>
    public long[] BirthYearsNear { get; set; } = [];
    public long? Sex { get; set; }
    public long? Commune { get; set; }
    public long[] Schools { get; set; } = [];
    /// <summary>Each parent's or carer's name, as a set of words.</summary>
    public long[] Carers { get; set; } = [];
    /// <summary>
    /// The index entries (64-bit keyed hashes) stored for this key in the block table; a key read back holds none (they stay
    /// in the table), only <see cref="Probes"/>.
    /// </summary>
    public long[] Blocks { get; set; } = [];
    /// <summary>The entries a lookup for this child probes the block table with.</summary>
    public long[] Probes { get; set; } = [];
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The key id of keys this service computes: the service key's id and the <see cref="Scheme"/>.</summary>
    public static string KeyIdOf(MatchKeySecret secret) => $"{secret.KeyId}.{Scheme}";

    public static ChildMatchKey Compute(Guid caseId, MatchIdentity identity, MatchKeySecret secret, DateTimeOffset now)
    {
        long H(string purpose, string value) => secret.Hash64(purpose, value);
        var name = VietnameseNames.Parse(identity.Name);
        var core = name.Core.Distinct().ToArray();
        var middles = name.All.Where(w => w != name.Family && w != name.Given && !VietnameseNames.Prefixes.Contains(w)).Distinct().ToArray();
        var years = identity.BirthYears.Distinct().ToArray();
        var nearYears = years.SelectMany(y => new[] { y - 1, y, y + 1 }).Distinct().ToArray();
        var dob = identity.DateOfBirth;
        var carers = identity.CarerNames.Select(n => string.Join(' ', VietnameseNames.Parse(n).Core.Order(StringComparer.Ordinal)))
            .Where(n => n.Length > 0).Distinct().ToArray();
        var sex = identity.Sex == Cases.Sex.Unknown ? null : identity.Sex.ToString();

        var key = new ChildMatchKey
        {
            Id = caseId,
            KeyId = KeyIdOf(secret),
            Family = name.Family is { } f ? H("name", f) : null,
            Given = name.Given is { } g ? H("name", g) : null,
            Tokens = core.Select(t => H("name", t)).ToArray(),
            TokenForms = core.Select(t => VietnameseNames.OneLetterOut(t).Select(v => H("name-form", v)).ToArray()).ToArray(),
            GivenForms = name.Given is { } given ? VietnameseNames.OneLetterOut(given).Select(v => H("name-form", v)).ToArray() : [],
            FamilyForms = name.Family is { } family ? VietnameseNames.OneLetterOut(family).Select(v => H("name-form", v)).ToArray() : [],
            BirthDate = dob is { } d1 ? H("birth-date", $"{d1:yyyy-MM-dd}") : null,
            BirthMonth = dob is { } d2 ? H("birth-month", $"{d2:yyyy-MM}") : null,
            BirthDayMonth = dob is { } d3 ? H("birth-day-month", $"{d3.Year}-{Math.Min(d3.Day, d3.Month)}-{Math.Max(d3.Day, d3.Month)}") : null,
            BirthDay = dob is { } d4 ? H("birth-day", $"{d4:MM-dd}") : null,
            Middles = middles.Select(w => H("name", w)).ToArray(),
            MiddleForms = middles.SelectMany(VietnameseNames.OneLetterOut).Distinct().Select(w => H("name-form", w)).ToArray(),
            BirthMonths = identity.BirthMonths().Select(m => H("birth-month", $"{m:yyyy-MM}")).ToArray(),
            BirthYears = years.Select(y => H("birth-year", y.ToString())).ToArray(),
            BirthYearsNear = nearYears.Select(y => H("birth-year", y.ToString())).ToArray(),
            Sex = sex is null ? null : H("sex", sex),
            Commune = identity.CommuneOfResidence is { Length: > 0 } c ? H("commune", VietnameseNames.Fold(c)) : null,
            Schools = identity.Schools.Select(VietnameseNames.SchoolName).Where(s => s.Length > 0).Distinct().Select(s => H("school", s)).ToArray(),
            Carers = carers.Select(n => H("carer", n)).ToArray(),
            ComputedAt = now,
        };
        var commune = identity.CommuneOfResidence is { Length: > 0 } place ? VietnameseNames.Fold(place) : null;
        var blocks = BlocksOf(name, middles, identity, commune, carers).ToList();
        key.Blocks = blocks.Where(b => b.Stored).Select(b => secret.Hash64("block", b.Value)).Distinct().ToArray();
        key.Probes = blocks.Where(b => b.Probe).Select(b => secret.Hash64("block", b.Value)).Distinct().ToArray();
        return key;
    }

    /// <summary>
    /// The index entries, each narrow enough that a bucket stays small among a million children, and together wide enough that
    /// two reports of one child share one whichever slips they carry. <c>Stored</c> entries go into the block table; <c>Probe</c>
    /// entries are looked up. The given name stands for the child (with its one-letter-out forms, for a typing slip), and is
    /// found by:
    /// <list type="bullet">
    /// <item>a full date of birth: the given name with the year and month (a wrong day), with day and month without the year (a
    /// year off), with the year and day and month either way round (swapped);</item>
    /// <item>the commune of residence and the birth year (an age instead of a date; the two years an age allows);</item>
    /// <item>an age in another commune (a move): family and given name with the birth year, and a middle name when given —
    /// stored only by keys that give an age, since two dates of birth meet through the entries above.</item>
    /// </list>
    /// Besides the parsed given name, a first or last word that is no family name is read as a given name too, in case the
    /// order was misread.
    /// </summary>
    private static IEnumerable<(string Value, bool Stored, bool Probe)> BlocksOf(NameParts name, string[] middles, MatchIdentity identity, string? commune,
        string[] carers)
    {
        var givens = new List<string>();
        if (name.Given is { } given) givens.Add(given);
        var core = name.Core;
        if (core.Count >= 2)
        {
            // The last word, the given name in the usual order.
            if (!VietnameseNames.FamilyNames.Contains(core[^1])) givens.Add(core[^1]);
            // The first word when a family name follows it: a given name written first, though it may be a family name too.
            if (VietnameseNames.FamilyNames.Contains(core[1]) && !VietnameseNames.FamilyOnlyNames.Contains(core[0])) givens.Add(core[0]);
        }
        givens = givens.Distinct().ToList();
        var forms = givens.SelectMany(VietnameseNames.OneLetterOut).Distinct().ToList();
        var years = identity.BirthYears;
        var nearYears = years.SelectMany(y => new[] { y - 1, y, y + 1 }).Distinct().ToArray();

        if (identity.DateOfBirth is { } dob)
        {
            foreach (var form in forms)
            {
                yield return ($"fm|{form}|{dob:yyyy-MM}", true, true);
                yield return ($"gd|{form}|{dob:MM-dd}", true, true);
                if (dob.Day <= 12 && dob.Day != dob.Month) yield return ($"gs|{form}|{dob.Year}|{Math.Min(dob.Day, dob.Month)}-{Math.Max(dob.Day, dob.Month)}", true, true);
            }
        }
        // The commune with the birth year, looked up a year either side (a date of birth a year off against an age).
        if (commune is not null)
            foreach (var form in forms)
            {
                foreach (var year in years) yield return ($"fc|{form}|{commune}|{year}", true, false);
                foreach (var year in nearYears) yield return ($"fc|{form}|{commune}|{year}", false, true);
            }
        // A carer's name with the given name (a nickname, an age and a move all at once).
        foreach (var carer in carers)
            foreach (var form in forms)
                yield return ($"cg|{carer}|{form}", true, true);

        if (name.Family is { } family && name.Given is { } g2 && family != g2)
        {
            var pair = string.CompareOrdinal(family, g2) < 0 ? $"{family}|{g2}" : $"{g2}|{family}";
            var age = identity.DateOfBirth is null;
            foreach (var year in years)
            {
                // An age's entries: findable by a key with the same middle name, without one, or by any key without one.
                if (age) yield return ($"nw|{pair}|{year}", true, false);
                if (middles.Length == 0)
                {
                    if (age) yield return ($"no|{pair}|{year}", true, false);
                    yield return ($"nw|{pair}|{year}", false, true);
                }
                else
                {
                    yield return ($"no|{pair}|{year}", false, true);
                    // Each middle name's one-letter-out forms: a typing slip there still meets.
                    foreach (var middle in middles.SelectMany(VietnameseNames.OneLetterOut).Distinct())
                        yield return ($"nm|{pair}|{middle}|{year}", age, true);
                }
            }
        }
    }
}
