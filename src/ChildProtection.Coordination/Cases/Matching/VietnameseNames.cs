using System.Globalization;
using System.Text;
namespace ChildProtection.Coordination.Cases.Matching;

/// <summary>A Vietnamese name as matching reads it: folded tokens, the family name (họ), the given name (tên) and the rest.</summary>
/// <param name="Core">Every token but the gender middle names "Thị" and "Văn", which reports often leave out.</param>
public sealed record NameParts(string? Family, string? Given, IReadOnlyList<string> Core, IReadOnlyList<string> All)
{
    public static readonly NameParts Empty = new(null, null, [], []);
}

/// <summary>
/// Folds a Vietnamese name so that the ways one child's name is written alike compare equal: diacritics and tone marks gone
/// (đ → d), lower case, punctuation and spacing ignored, the order of family and given name free. Pure; no I/O.
/// </summary>
public static class VietnameseNames
{
    /// <summary>
    /// The most common family names (họ), folded: about nine in ten Vietnamese carry one of them. Family names that are far
    /// more often given names (Mai, Hà, Lâm, Giang) are left out, so that "Mai Nguyễn Thị" still reads as given name first.
    /// </summary>
    public static readonly IReadOnlySet<string> FamilyNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly",
        "dinh", "trinh", "truong", "lam", "luong", "doan", "vuong", "trieu", "luu", "quach", "kieu", "thai", "tang", "lai",
        "cao", "ta", "chu", "hua", "mac", "tong", "khuc", "lo", "sung", "nong",
    };

    /// <summary>Middle names that mark sex rather than the person ("Nguyễn Thị Mai", "Trần Văn Nam"), often left out.</summary>
    public static readonly IReadOnlySet<string> GenderMiddleNames = new HashSet<string>(StringComparer.Ordinal) { "thi", "van" };

    /// <summary>Words a reporter puts before a child's name ("bé Mai", "em Nam", "cháu Lan") that are no part of it.</summary>
    public static readonly IReadOnlySet<string> Prefixes = new HashSet<string>(StringComparer.Ordinal) { "be", "em", "chau", "con", "ban" };

    /// <summary>Lower case, without diacritics (đ → d), every run of other characters one space, trimmed.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = c switch { 'đ' or 'Đ' => 'd', 'ð' or 'Ð' => 'd', _ => char.ToLowerInvariant(c) };
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (space && folded.Length > 0) folded.Append(' ');
                folded.Append(lower);
                space = false;
            }
            else space = true;
        }
        return folded.ToString();
    }

    /// <summary>The folded words of <paramref name="text"/>.</summary>
    public static string[] Words(string? text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The parts of a child's name. Vietnamese order is family, middle, given; a name written given-first ("Mai Nguyễn Thị")
    /// is recognised when its first word is not a common family name and a later one is.
    /// </summary>
    public static NameParts Parse(string? name)
    {
        var words = Words(name).ToList();
        // "bé Mai", "cháu Nguyễn Văn An": a prefix goes when a name follows it, not when it may be the family name ("Châu Minh Anh").
        if (words.Count > 1 && Prefixes.Contains(words[0]) && (words.Count == 2 || FamilyNames.Contains(words[1]))) words.RemoveAt(0);
        if (words.Count == 0) return NameParts.Empty;
        // "Văn" is also the given name "Vân" once folded: it is a middle name only before the last word.
        var core = words.Where((w, i) => !GenderMiddleNames.Contains(w) || (w == "van" && i == words.Count - 1)).ToList();
        if (core.Count == 0) core = words;
        if (core.Count == 1) return new NameParts(null, core[0], core, words);

        // Given-first order ("Mai Nguyễn Thị", "Mai Nguyễn", "Tín Nguqễn"): the first word is no common family name and the second
        // is one, or one typing slip from one ("Ngyễn Thị Mai" is still family first).
        if (core.Count >= 2 && !LooksLikeFamilyName(core[0]) && LooksLikeFamilyName(core[1])) return new NameParts(core[1], core[0], core, words);
        // A given name of two words written first ("Ngọc Anh Nguyễn Thị"): neither of the first two words is a family name, the third is.
        if (core.Count >= 3 && !LooksLikeFamilyName(core[0]) && !LooksLikeFamilyName(core[1]) && LooksLikeFamilyName(core[2]))
            return new NameParts(core[2], core[1], core, words);
        return new NameParts(core[0], core[^1], core, words);
    }

    /// <summary>
    /// Family names that are not given names as well: a name starting with one of them is read family first whatever follows
    /// ("Nguyễn Hoàng Tín"), where "Lâm Nguyễn Bảo" or "Vũ Đinh" may be a given name written first.
    /// </summary>
    public static readonly IReadOnlySet<string> FamilyOnlyNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "nguyen", "tran", "le", "pham", "huynh", "phan", "vo", "dang", "bui", "do", "ho", "ngo", "trinh", "truong", "doan", "luu",
        "quach", "kieu", "ta", "chu", "hua", "mac", "tong", "khuc", "lo", "sung", "nong",
    };

    /// <summary>
    /// A common family name, or a word of five letters or more one typing slip from one of five letters or more ("nguyn",
    /// "hoawg"). Shorter words are not read loosely: many four-letter given names are one slip from a family name (Tuấn and
    /// Tăng, Long and Lương, Hằng and Hoàng).
    /// </summary>
    public static bool LooksLikeFamilyName(string word) =>
        FamilyNames.Contains(word) || word.Length >= 5 && LongFamilyForms.Overlaps(OneLetterOut(word));

    private static readonly HashSet<string> LongFamilyForms =
        new(FamilyNames.Where(f => f.Length >= 5).SelectMany(OneLetterOut), StringComparer.Ordinal);

    /// <summary>The school's own name, without the words every school shares ("Trường Tiểu học Hải Đình" → "hai dinh").</summary>
    public static string SchoolName(string? school)
    {
        var words = Words(school).Where(w => !SchoolWords.Contains(w)).ToArray();
        return string.Join(' ', words);
    }

    private static readonly IReadOnlySet<string> SchoolWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "truong", "tieu", "hoc", "trung", "co", "so", "pho", "thong", "mam", "non", "mau", "giao", "th", "thcs", "thpt", "mn", "mg",
        "primary", "secondary", "school", "kindergarten", "lien", "cap", "pt", "ptdtbt", "ptdtnt", "dan", "toc", "ban", "tru", "noi",
    };

    /// <summary>
    /// The word and every form of it with one letter left out: two words one typing slip apart (a letter wrong, missing, added
    /// or two swapped) share one of these, so a hash of each lets keyed hashes compare fuzzily. Words under 3 letters only as they
    /// are. The first letter always stays: a slip there is rare, and names that differ only there are different names (Vinh,
    /// Đinh, Linh, Minh).
    /// </summary>
    public static IReadOnlyList<string> OneLetterOut(string word)
    {
        if (word.Length < 3) return [word];
        var forms = new HashSet<string>(StringComparer.Ordinal) { word };
        for (var i = 1; i < word.Length; i++) forms.Add(word.Remove(i, 1));
        return forms.ToList();
    }
}
