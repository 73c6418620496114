using System.Text;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>One generated report of a child: which child it really is, and the identity as the reporter gave it.</summary>
public sealed record SyntheticReport(int Number, int ChildId, MatchIdentity Identity, DateTimeOffset ReceivedAt);

/// <summary>
/// Vietnamese children as reports name them, from a fixed seed: households (a family name, parents, a commune and its schools)
/// with one to four children, twins among them, and names and places drawn from common ones — so that brothers and sisters,
/// twins and namesakes in one village are the hard non-duplicates. About a third of the children are reported again, each time
/// as a second reporter might write them: without diacritics, with a typing slip, given name first, "bé" and the given name
/// only, the middle name left out, a wrong day of birth or day and month swapped, an age instead of a date, a year off, after a
/// move to another commune, without the school, with or without the parents' names. Shared by the quality test and ops/bench.
/// </summary>
public static class SyntheticChildren
{
    private static readonly (string Name, int Weight)[] Families =
    [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Huỳnh", 30), ("Phan", 45), ("Vũ", 39), ("Võ", 30),
        ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 6), ("Trịnh", 5),
        ("Trương", 5), ("Lò", 4), ("Mai", 3), ("Cao", 3), ("Lương", 3), ("Hà", 3), ("Tạ", 2), ("Đoàn", 3), ("Lâm", 2), ("Sùng", 3),
    ];
    private static readonly string[] GirlMiddles = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo", "Khánh", "Phương", "Hồng", "Kim"];
    private static readonly string[] BoyMiddles = ["Văn", "Văn", "Minh", "Đức", "Quốc", "Gia", "Hoàng", "Anh", "Thành", "Hữu", "Công", "Tuấn"];
    private static readonly string[] Girls =
    [
        "Mai", "Lan", "Linh", "Hương", "Hà", "Trang", "Thảo", "Ngọc", "Anh", "Vy", "Nhi", "Hằng", "Huyền", "Phương", "Yến", "Như",
        "Hân", "Châu", "Quỳnh", "Trâm", "Thư", "My", "Loan", "Diệp", "Uyên", "Ngân", "Hạnh", "Nga", "Hoa", "Tâm", "Giang", "Oanh",
        "Thùy", "Dung", "Hiền", "Nhung", "Thơ", "Xuân", "Vân", "Trinh", "Ly", "Hồng", "Liên", "Thủy", "Cúc", "Đào", "Duyên", "Khuê",
        "Tiên", "Thanh", "Ánh", "Hậu", "Lệ", "Mỹ", "Nguyệt", "Sương", "Tuyết", "Vi", "Ngọc Anh", "Bích", "Diễm", "Kiều", "Lam", "Na",
    ];
    private static readonly string[] Boys =
    [
        "Nam", "Minh", "Huy", "Khang", "Phúc", "Bảo", "Long", "Tuấn", "Dũng", "Hùng", "Quân", "Khôi", "Đạt", "Duy", "Hiếu", "Thắng",
        "Trung", "Sơn", "Tài", "Vinh", "Hải", "Lâm", "Phong", "Kiên", "Toàn", "Nhân", "Tín", "Lộc", "Khoa", "An", "Đông", "Cường",
        "Thịnh", "Hưng", "Tùng", "Việt", "Hoàng", "Bình", "Thái", "Quang", "Tiến", "Lực", "Mạnh", "Nghĩa", "Phát", "Quý", "Sang", "Thuận",
        "Trí", "Tú", "Vũ", "Hào", "Khải", "Lợi", "Nhật", "Phú", "Tâm", "Thiện", "Trọng", "Vĩnh", "Chiến", "Định", "Giang", "Hiệp",
    ];
    private static readonly string[] Places =
    [
        "Hải Đình", "Đồng Phú", "Bắc Lý", "Nam Lý", "Phú Hải", "Đức Ninh", "Bảo Ninh", "Quang Phú", "Lộc Ninh", "Nghĩa Ninh", "Thuận Đức",
        "Đồng Sơn", "Hải Thành", "Sơn Thủy", "Tân Uyên", "Phong Thổ", "Mường Tè", "Sìn Hồ", "Than Uyên", "Tam Đường", "Hà Tiên",
        "Rạch Giá", "Kiên Lương", "Hòn Đất", "Giồng Riềng", "Châu Thành", "Vĩnh Thuận", "Long Điền", "Đất Đỏ", "Xuyên Mộc", "Côn Đảo",
        "Ngô Quyền", "Lê Chân", "Hồng Bàng", "Kiến An", "Đồ Sơn", "Dương Kinh", "Thủy Nguyên", "An Dương", "Vĩnh Bảo",
    ];
    private static readonly string[] SchoolKinds = ["Trường Tiểu học", "Trường THCS", "Trường Mầm non"];

    private sealed record Household(string Family, string Father, string Mother, int Commune, string[] Schools);
    private sealed record Child(int Id, Household Home, string Name, string Given, string Family, Sex Sex, DateOnly Born, string School);

    public static IReadOnlyList<SyntheticReport> Generate(int children, int seed)
    {
        var random = new Random(seed);
        var reports = new List<SyntheticReport>();
        var all = new List<Child>();
        while (all.Count < children)
        {
            var home = NewHousehold(random);
            var count = Pick(random, [(1, 35), (2, 35), (3, 20), (4, 10)]);
            DateOnly? twinBirth = null;
            for (var i = 0; i < count && all.Count < children; i++)
            {
                var sex = random.Next(2) == 0 ? Sex.Female : Sex.Male;
                // One family in twelve has twins: the same date of birth, the same everything but the given name.
                var born = twinBirth ?? new DateOnly(2010 + random.Next(16), 1 + random.Next(12), 1 + random.Next(28));
                twinBirth = i == 0 && random.Next(12) == 0 ? born : null;
                var middle = Of(random, sex == Sex.Female ? GirlMiddles : BoyMiddles);
                var given = Of(random, sex == Sex.Female ? Girls : Boys);
                all.Add(new Child(all.Count, home, $"{home.Family} {middle} {given}", given, home.Family, sex, born, Of(random, home.Schools)));
            }
        }
        foreach (var child in all)
        {
            reports.Add(Report(random, reports.Count, child, first: true));
            var again = random.NextDouble();
            if (again < 0.30) reports.Add(Report(random, reports.Count, child, first: false));
            if (again < 0.05) reports.Add(Report(random, reports.Count, child, first: false));
        }
        return reports;
    }

    private static Household NewHousehold(Random random)
    {
        var family = Pick(random, Families);
        var commune = random.Next(Places.Length);
        string[] schools = [$"{SchoolKinds[0]} {Places[commune]}", $"{SchoolKinds[1]} {Places[commune]}", $"{SchoolKinds[2]} {Places[commune]}"];
        var father = $"{family} {Of(random, BoyMiddles)} {Of(random, Boys)}";
        var mother = $"{Pick(random, Families)} {Of(random, GirlMiddles)} {Of(random, Girls)}";
        return new Household(family, father, mother, commune, schools);
    }

    /// <summary>The first report is written carefully; a later one carries the slips a second reporter makes.</summary>
    private static SyntheticReport Report(Random random, int number, Child child, bool first)
    {
        var receivedAt = new DateTimeOffset(2026, 1 + random.Next(11), 1 + random.Next(28), 9, 0, 0, TimeSpan.FromHours(7));
        var name = child.Name;
        DateOnly? born = child.Born;
        int? age = null;
        var commune = child.Home.Commune;
        var sex = child.Sex;
        string? school = random.NextDouble() < 0.5 ? child.School : null;
        var carers = new List<string>();
        if (random.NextDouble() < 0.4) carers.Add(child.Home.Mother);
        if (random.NextDouble() < 0.3) carers.Add(child.Home.Father);
        if (random.NextDouble() < 0.2) { born = null; age = Math.Max(0, AgeAt(child.Born, receivedAt)); }

        if (!first)
        {
            var r = random.NextDouble();
            name = r switch
            {
                < 0.10 => $"{child.Given} {child.Family}{(random.Next(2) == 0 ? "" : " " + name.Split(' ')[1])}",          // given name first
                < 0.18 => random.Next(2) == 0 ? $"bé {child.Given}" : child.Given,                                           // a nickname form
                < 0.32 => $"{child.Family} {child.Given}",                                                                   // middle name left out
                _ => name,
            };
            if (random.NextDouble() < 0.15) name = Typo(random, name);
            if (random.NextDouble() < 0.4) name = VietnameseNames.Fold(name) is var plain && random.Next(2) == 0 ? plain : Capitalise(plain);
            if (born is { } b)
            {
                var d = random.NextDouble();
                if (d < 0.15) born = new DateOnly(b.Year, b.Month, 1 + (b.Day + random.Next(1, 27)) % 28);               // wrong day
                else if (d < 0.20 && b.Day <= 12 && b.Day != b.Month) born = new DateOnly(b.Year, b.Day, b.Month);           // day and month swapped
                else if (d < 0.24) born = b.AddYears(random.Next(2) == 0 ? 1 : -1);                                            // a year off
            }
            if (random.NextDouble() < 0.10) commune = (commune + 1 + random.Next(Places.Length - 1)) % Places.Length;     // moved
            if (random.NextDouble() < 0.03) sex = Sex.Unknown;
            carers = carers.Select(c => random.NextDouble() < 0.3 ? VietnameseNames.Fold(c) : c).ToList();
        }
        var identity = MatchIdentity.Of(name, sex, born, age, DateOnly.FromDateTime(receivedAt.Date), $"commune-{commune:00}-{Places[commune]}",
            school is null ? [] : [school], carers.ToArray());
        return new SyntheticReport(number, child.Id, identity, receivedAt);
    }

    private static int AgeAt(DateOnly born, DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.Date);
        var age = day.Year - born.Year;
        return born > day.AddYears(-age) ? age - 1 : age;
    }

    /// <summary>One slip in one word: a letter changed, dropped, doubled, or two letters swapped.</summary>
    private static string Typo(Random random, string name)
    {
        var words = name.Split(' ');
        var i = random.Next(words.Length);
        var w = words[i];
        if (w.Length < 3) return name;
        var at = 1 + random.Next(w.Length - 1);
        words[i] = random.Next(4) switch
        {
            0 => w.Remove(at, 1),
            1 => w.Insert(at, w[at].ToString()),
            2 => at < w.Length - 1 ? w[..at] + w[at + 1] + w[at] + w[(at + 2)..] : w.Remove(at, 1),
            _ => w[..at] + (char)('a' + random.Next(26)) + w[(at + 1)..],
        };
        return string.Join(' ', words);
    }

    private static string Capitalise(string folded) =>
        string.Join(' ', folded.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static T Of<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static T Pick<T>(Random random, (T Item, int Weight)[] weighted)
    {
        var roll = random.Next(weighted.Sum(w => w.Weight));
        foreach (var (item, weight) in weighted)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return weighted[^1].Item;
    }
}

/// <summary>Precision and recall of the matcher over generated reports, with the same blocks and scoring the service uses.</summary>
public sealed record MatchQuality(int Reports, int TruePairs, int Found, int Correct, int Compared)
{
    public double Precision => Found == 0 ? 1 : (double)Correct / Found;
    public double Recall => TruePairs == 0 ? 1 : (double)Correct / TruePairs;

    public static MatchQuality Measure(IReadOnlyList<SyntheticReport> reports, MatchKeySecret secret, double threshold, int fetchLimit = DuplicateCandidates.FetchLimit)
    {
        var keys = Keys(reports, secret);
        var (found, compared) = Offered(keys, threshold, fetchLimit);
        var truePairs = reports.GroupBy(r => r.ChildId).Sum(g => g.Count() * (g.Count() - 1) / 2);
        var correct = found.Count(p => reports[p.Item1].ChildId == reports[p.Item2].ChildId);
        return new MatchQuality(reports.Count, truePairs, found.Count, correct, compared);
    }

    /// <summary>The match key of each report, in order; report <c>i</c>'s key has the id <c>new Guid(i, 0, 0, …)</c>.</summary>
    public static ChildMatchKey[] Keys(IReadOnlyList<SyntheticReport> reports, MatchKeySecret secret) =>
        reports.Select(r => ChildMatchKey.Compute(new Guid(r.Number, 0, 0, new byte[8]), r.Identity, secret, DateTimeOffset.UnixEpoch)).ToArray();

    /// <summary>
    /// The pairs (by position) the service would offer: each key looked up as the block table answers it (an index from stored
    /// entries to keys, probed with the key's probes, the <paramref name="fetchLimit"/> keys sharing the most telling entries
    /// read), ranked as the service ranks; and how many keys the lookups read in all.
    /// </summary>
    public static (HashSet<(int, int)> Found, int Compared) Offered(ChildMatchKey[] keys, double threshold, int fetchLimit = DuplicateCandidates.FetchLimit)
    {
        var index = new Dictionary<long, List<int>>();
        for (var i = 0; i < keys.Length; i++)
            foreach (var block in keys[i].Blocks)
                (index.TryGetValue(block, out var list) ? list : index[block] = []).Add(i);

        var found = new HashSet<(int, int)>();
        var compared = 0;
        var number = keys.Select((k, i) => (k.Id, i)).ToDictionary(x => x.Id, x => x.i);
        for (var i = 0; i < keys.Length; i++)
        {
            var read = DuplicateCandidates.Weights(keys[i], i, index, fetchLimit);
            compared += read.Count;
            foreach (var candidate in DuplicateCandidates.Rank(keys[i], read.Select(j => keys[j]), threshold, []))
            {
                var j = number[candidate.CaseId];
                found.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        return (found, compared);
    }
}
