namespace ChildProtection.Coordination.Agencies;

/// <summary>A provincial-level unit (đơn vị hành chính cấp tỉnh): a province (tỉnh) or a centrally-run city (thành phố trực thuộc trung ương).</summary>
public sealed record Province(string Code, string NameVi, string NameEn, bool CentrallyRunCity);

/// <summary>
/// The 34 provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15), with their
/// official codes. Static data: a change of provinces is a change of law and ships as code, while
/// communes, which change often, are events (<see cref="CommuneEstablished"/> and after).
/// </summary>
public static class Provinces
{
    public static readonly IReadOnlyList<Province> All =
    [
        new("01", "Thành phố Hà Nội", "Hanoi", true),
        new("04", "Tỉnh Cao Bằng", "Cao Bang Province", false),
        new("08", "Tỉnh Tuyên Quang", "Tuyen Quang Province", false),
        new("11", "Tỉnh Điện Biên", "Dien Bien Province", false),
        new("12", "Tỉnh Lai Châu", "Lai Chau Province", false),
        new("14", "Tỉnh Sơn La", "Son La Province", false),
        new("15", "Tỉnh Lào Cai", "Lao Cai Province", false),
        new("19", "Tỉnh Thái Nguyên", "Thai Nguyen Province", false),
        new("20", "Tỉnh Lạng Sơn", "Lang Son Province", false),
        new("22", "Tỉnh Quảng Ninh", "Quang Ninh Province", false),
        new("24", "Tỉnh Bắc Ninh", "Bac Ninh Province", false),
        new("25", "Tỉnh Phú Thọ", "Phu Tho Province", false),
        new("31", "Thành phố Hải Phòng", "Hai Phong City", true),
        new("33", "Tỉnh Hưng Yên", "Hung Yen Province", false),
        new("37", "Tỉnh Ninh Bình", "Ninh Binh Province", false),
        new("38", "Tỉnh Thanh Hóa", "Thanh Hoa Province", false),
        new("40", "Tỉnh Nghệ An", "Nghe An Province", false),
        new("42", "Tỉnh Hà Tĩnh", "Ha Tinh Province", false),
        new("44", "Tỉnh Quảng Trị", "Quang Tri Province", false),
        new("46", "Thành phố Huế", "Hue City", true),
        new("48", "Thành phố Đà Nẵng", "Da Nang City", true),
        new("51", "Tỉnh Quảng Ngãi", "Quang Ngai Province", false),
        new("52", "Tỉnh Gia Lai", "Gia Lai Province", false),
        new("56", "Tỉnh Khánh Hòa", "Khanh Hoa Province", false),
        new("66", "Tỉnh Đắk Lắk", "Dak Lak Province", false),
        new("68", "Tỉnh Lâm Đồng", "Lam Dong Province", false),
        new("75", "Tỉnh Đồng Nai", "Dong Nai Province", false),
        new("79", "Thành phố Hồ Chí Minh", "Ho Chi Minh City", true),
        new("80", "Tỉnh Tây Ninh", "Tay Ninh Province", false),
        new("82", "Tỉnh Đồng Tháp", "Dong Thap Province", false),
        new("86", "Tỉnh Vĩnh Long", "Vinh Long Province", false),
        new("91", "Tỉnh An Giang", "An Giang Province", false),
        new("92", "Thành phố Cần Thơ", "Can Tho City", true),
        new("96", "Tỉnh Cà Mau", "Ca Mau Province", false),
    ];

    private static readonly Dictionary<string, Province> ByCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);

    public static Province? Find(string? code) => code is not null && ByCode.TryGetValue(code.Trim(), out var p) ? p : null;

    public static bool IsKnown(string? code) => Find(code) is not null;
}
