namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>The parts of two match keys that agreed, named as the API names them.</summary>
public static class MatchParts
{
    public const string Name = "name", GivenName = "given-name", FamilyName = "family-name", NameTypo = "name-typo", NameOrder = "name-order",
        DateOfBirth = "date-of-birth", BirthMonth = "birth-month", BirthYear = "birth-year", Sex = "sex", Commune = "commune-of-residence",
        School = "school", Carers = "carers";
}

/// <summary>How alike two children are by their match keys: a score from 0 to 1 and the parts that agreed.</summary>
public sealed record MatchScore(double Score, IReadOnlyList<string> Parts);

/// <summary>
/// Scores two match keys, pure: agreement on a part adds its weight, and disagreement where both keys know a part that
/// rarely differs for one child (sex, a full date of birth, the given name under the same family name) takes weight away —
/// which is what keeps siblings and twins, who share family name, carers, commune and school, apart.
/// </summary>
public static class MatchScoring
{
    private const double CommuneDisagrees = 0.0;
    /// <summary>
    /// A name, a birth period and a sex alone are not enough: namesakes of one age in other communes share them. The same
    /// commune (one of thousands) is what corroborates a name with only an age or a given name with a birth month.
    /// </summary>
    private const double CommuneAgrees = 0.15, SexAgrees = 0.0, SexDisagrees = 0.4;
    /// <summary>A parent's or carer's whole name is as telling as the commune; the school a little less (siblings share both).</summary>
    private const double CarersAgree = 0.15, SchoolAgrees = 0.1, SchoolsDisagree = 0.1;

    public static MatchScore Score(ChildMatchKey a, ChildMatchKey b)
    {
        var parts = new List<string>();
        var score = NameScore(a, b, parts) * 0.5;

        if (a.BirthDate is not null && a.BirthDate == b.BirthDate) { score += 0.3; parts.Add(MatchParts.DateOfBirth); }
        else if (a.BirthMonth is not null && (a.BirthMonth == b.BirthMonth || a.BirthDayMonth == b.BirthDayMonth)) { score += 0.2; parts.Add(MatchParts.BirthMonth); }
        else if (a.BirthDay is not null && a.BirthDay == b.BirthDay && Overlaps(a.BirthYears, b.BirthYearsNear)) { score += 0.2; parts.Add(MatchParts.BirthMonth); }
        else if (Overlaps(a.BirthYears, b.BirthYears))
        {
            // Two full dates of birth in one year that differ in day and month are more likely two children; an age agrees
            // more when the date of birth (or the other age) falls in the twelve months it allows.
            score += a.BirthDate is not null && b.BirthDate is not null ? -0.05 : Overlaps(a.BirthMonths, b.BirthMonths) ? 0.1 : 0.0;
            parts.Add(MatchParts.BirthYear);
        }
        else if (Overlaps(a.BirthYears, b.BirthYearsNear)) score += 0.0;
        else if (a.BirthYears.Length > 0 && b.BirthYears.Length > 0) score -= 0.3;

        if (a.Sex is not null && b.Sex is not null)
        {
            // Agreement on sex is listed but weighs nothing: half of all pairs of children agree on it. Disagreement weighs much.
            if (a.Sex == b.Sex) { score += SexAgrees; parts.Add(MatchParts.Sex); }
            else score -= SexDisagrees;
        }
        if (a.Commune is not null && a.Commune == b.Commune) { score += CommuneAgrees; parts.Add(MatchParts.Commune); }
        else if (a.Commune is not null && b.Commune is not null) score -= CommuneDisagrees;
        if (Overlaps(a.Schools, b.Schools)) { score += SchoolAgrees; parts.Add(MatchParts.School); }
        // Two schools named, none the same: a child attends one school at a time.
        else if (a.Schools.Length > 0 && b.Schools.Length > 0) score -= SchoolsDisagree;
        if (Overlaps(a.Carers, b.Carers)) { score += CarersAgree; parts.Add(MatchParts.Carers); }
        return new MatchScore(Math.Round(Math.Clamp(score, 0, 1), 3), parts);
    }

    /// <summary>0–1 for the name; negative when the family names agree and the given names plainly do not (a sibling).</summary>
    private static double NameScore(ChildMatchKey a, ChildMatchKey b, List<string> parts)
    {
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0) return 0;
        var givenExact = a.Given is not null && a.Given == b.Given;
        var familyExact = a.Family is not null && a.Family == b.Family;
        var givenTypo = !givenExact && Overlaps(a.GivenForms, b.GivenForms);
        var familyTypo = !familyExact && Overlaps(a.FamilyForms, b.FamilyForms);
        var shared = a.Tokens.Intersect(b.Tokens).Count();
        var sameWords = shared == a.Tokens.Length && shared == b.Tokens.Length;
        // Both name a middle name and none agrees, not even one typing slip apart: "Nguyễn Kim Tâm" is not "Nguyễn Thu Tâm".
        var middlesDiffer = a.Middles.Length > 0 && b.Middles.Length > 0 && !Overlaps(a.MiddleForms, b.MiddleForms);

        if (sameWords && !middlesDiffer)
        {
            parts.Add(MatchParts.Name);
            if (!givenExact) parts.Add(MatchParts.NameOrder);
            // A middle name other than "Thị"/"Văn" that agrees too (three words or more): rarer than the family and given name alone.
            return shared >= 3 ? 1.1 : 1.0;
        }
        if (givenExact && familyExact) { parts.Add(MatchParts.Name); return middlesDiffer ? 0.45 : 0.95; }
        if (givenExact && (a.Family is null || b.Family is null)) { parts.Add(MatchParts.GivenName); return 0.8; }
        if (givenExact && familyTypo) { parts.Add(MatchParts.Name); parts.Add(MatchParts.NameTypo); return middlesDiffer ? 0.4 : 0.85; }
        if (givenTypo && familyExact) { parts.Add(MatchParts.Name); parts.Add(MatchParts.NameTypo); return middlesDiffer ? 0.35 : 0.8; }
        // The name read in the other order than its parse guessed: each one's given name is a word of the other's.
        if (a.Given is { } ag && b.Given is { } bg && ag != bg && b.Tokens.Contains(ag) && a.Tokens.Contains(bg) && shared >= 2)
        {
            parts.Add(MatchParts.Name); parts.Add(MatchParts.NameOrder);
            return 0.85;
        }
        if (givenTypo && (a.Family is null || b.Family is null)) { parts.Add(MatchParts.GivenName); parts.Add(MatchParts.NameTypo); return 0.65; }
        // A given name alone ("bé Lan") that is not the other's given name, nor a word of it: another child of the family (a twin).
        if ((a.Family is null || b.Family is null) && a.Given is not null && b.Given is not null && shared == 0 && FuzzyShare(a, b) == 0) return -0.4;
        if (givenExact) { parts.Add(MatchParts.GivenName); return 0.35; }
        if (familyExact) { parts.Add(MatchParts.FamilyName); return -0.4; }
        // Every word of the shorter name is at most one typing slip from a word of the other, in whatever order.
        if (FuzzyShare(a, b) >= 1.0 && Math.Min(a.Tokens.Length, b.Tokens.Length) >= 2) { parts.Add(MatchParts.Name); parts.Add(MatchParts.NameTypo); return 0.8; }
        return 0;
    }

    /// <summary>The share of the shorter name's words that are at most one typing slip from a word of the other.</summary>
    private static double FuzzyShare(ChildMatchKey a, ChildMatchKey b)
    {
        var (small, large) = a.TokenForms.Length <= b.TokenForms.Length ? (a, b) : (b, a);
        if (small.TokenForms.Length == 0) return 0;
        var near = small.TokenForms.Count(forms => large.TokenForms.Any(other => Overlaps(forms, other)));
        return (double)near / small.TokenForms.Length;
    }

    private static bool Overlaps(long[] a, long[] b)
    {
        foreach (var x in a)
            foreach (var y in b)
                if (x == y) return true;
        return false;
    }
}
