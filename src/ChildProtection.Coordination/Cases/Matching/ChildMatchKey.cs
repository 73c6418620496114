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

/// <summary>How the store keeps match keys: their blocks in a <c>text[]</c> column with a GIN index, which the lookup's <c>&amp;&amp;</c> uses.</summary>
public static class MatchKeyStorage
{
    public static void Configure(Marten.StoreOptions opts) =>
        opts.Schema.For<ChildMatchKey>().Duplicate(x => x.Blocks, pgType: "text[]", dbType: NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            configure: index => index.Method = Weasel.Postgresql.Tables.IndexMethod.gin);
}

/// <summary>
/// A case's match key: keyed hashes (<see cref="MatchKeySecret"/>) of the normalised parts of the child's identity, and the
/// blocks that find its candidates through an index. Nothing here can be read back into a name, a date or a place without
/// the service's key; the case's erasure deletes it. One document per case, id = the case id.
/// </summary>
public sealed class ChildMatchKey
{
    public Guid Id { get; set; }
    /// <summary>Which service key hashed it (<see cref="MatchKeySecret.KeyId"/>).</summary>
    public string KeyId { get; set; } = "";
    public string? Family { get; set; }
    public string? Given { get; set; }
    /// <summary>Every name word but "Thị"/"Văn", in any order.</summary>
    public string[] Tokens { get; set; } = [];
    /// <summary>Each of <see cref="Tokens"/> and its one-letter-out forms, for names one typing slip apart.</summary>
    public string[][] TokenForms { get; set; } = [];
    public string[] GivenForms { get; set; } = [];
    /// <summary>The words between family and given name, "Thị"/"Văn" included: two names whose middle names differ are two children.</summary>
    public string[] Middles { get; set; } = [];
    /// <summary>The middle names' one-letter-out forms: a typing slip in a middle name is no disagreement.</summary>
    public string[] MiddleForms { get; set; } = [];
    public string[] FamilyForms { get; set; } = [];
    public string? BirthDate { get; set; }
    /// <summary>Year and month: a wrong day of birth still agrees here.</summary>
    public string? BirthMonth { get; set; }
    /// <summary>Year with day and month in either order (03/05 and 05/03 alike).</summary>
    public string? BirthDayMonth { get; set; }
    /// <summary>Day and month without the year: a year misremembered still agrees here.</summary>
    public string? BirthDay { get; set; }
    public string[] BirthYears { get; set; } = [];
    /// <summary>The year-months of birth the report allows: one for a date of birth, thirteen for an age.</summary>
    public string[] BirthMonths { get; set; } = [];
    /// <summary>The birth years one either side: a year misremembered still agrees here.</summary>
    public string[] BirthYearsNear { get; set; } = [];
    public string? Sex { get; set; }
    public string? Commune { get; set; }
    public string[] Schools { get; set; } = [];
    /// <summary>Each parent's or carer's name, as a set of words.</summary>
    public string[] Carers { get; set; } = [];
    /// <summary>The index entries, with the birth years one either side (GIN-indexed).</summary>
    public string[] Blocks { get; set; } = [];
    /// <summary>The entries a lookup for this child probes the index with: those of its own birth years.</summary>
    public string[] Probes { get; set; } = [];
    public DateTimeOffset ComputedAt { get; set; }

    public static ChildMatchKey Compute(Guid caseId, MatchIdentity identity, MatchKeySecret secret, DateTimeOffset now)
    {
        string H(string purpose, string value) => secret.Hash(purpose, value);
        var name = VietnameseNames.Parse(identity.Name);
        var core = name.Core.Distinct().ToArray();
        var middles = name.All.Where(w => w != name.Family && w != name.Given && !VietnameseNames.Prefixes.Contains(w)).Distinct().ToArray();
        var years = identity.BirthYears.Distinct().ToArray();
        var nearYears = years.SelectMany(y => new[] { y - 1, y, y + 1 }).Distinct().ToArray();
        var dob = identity.DateOfBirth;
        var sex = identity.Sex == Cases.Sex.Unknown ? null : identity.Sex.ToString();

        var key = new ChildMatchKey
        {
            Id = caseId,
            KeyId = secret.KeyId,
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
            Carers = identity.CarerNames.Select(n => string.Join(' ', VietnameseNames.Parse(n).Core.Order(StringComparer.Ordinal)))
                .Where(n => n.Length > 0).Distinct().Select(n => H("carer", n)).ToArray(),
            ComputedAt = now,
        };
        key.Blocks = BlocksOf(name, dob, nearYears, sex).Select(b => H("block", b)).Distinct().ToArray();
        key.Probes = BlocksOf(name, dob, years, sex).Select(b => H("block", b)).Distinct().ToArray();
        return key;
    }

    /// <summary>
    /// Index entries: a name word that is not a family name with a birth year (so "Mai, 2017" finds "Nguyễn Thị Mai" and "Mai
    /// Nguyễn" alike), the given name's one-letter-out forms with sex and year (a typo), and the family name with the full date
    /// of birth (a given name written quite differently, or a nickname).
    /// </summary>
    private static IEnumerable<string> BlocksOf(NameParts name, DateOnly? dob, int[] years, string? sex)
    {
        // Family names are too common to look up by (two in five children are Nguyễn): the other words, the given name always.
        var distinctive = name.Core.Where(t => t == name.Given || !VietnameseNames.FamilyNames.Contains(t)).Distinct().ToList();
        foreach (var year in years)
        {
            foreach (var token in distinctive) yield return $"t|{token}|{year}";
            if (name.Given is { Length: >= 4 } given)
                foreach (var form in VietnameseNames.OneLetterOut(given)) yield return $"f|{form}|{sex}|{year}";
        }
        if (dob is { } d && name.Family is { } family) yield return $"d|{family}|{d:yyyy-MM-dd}";
    }
}
