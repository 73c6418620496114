using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// Problem details in Vietnamese: a title for every kind, and the detail of the commonest refusals; any other detail keeps
/// the English sentence after a Vietnamese one that says what kind of refusal it is. The API answers in Vietnamese when
/// <c>Accept-Language</c> prefers it (English stays the default for integrators); the pages when the user reads Vietnamese.
/// The <c>type</c>, <c>status</c> and <c>field</c> never change, so a client branches the same way in either language.
/// </summary>
public static partial class ProblemText
{
    private static readonly Dictionary<string, (string Title, string Detail)> Kinds = new()
    {
        ["invalid-input"] = ("Dữ liệu không hợp lệ", "Một trường thiếu, sai định dạng hoặc ngoài phạm vi."),
        ["forbidden"] = ("Không có quyền", "Vai trò hoặc cơ quan của bạn không được làm việc này."),
        ["not-found"] = ("Không tìm thấy", "Không có, hoặc cơ quan của bạn không liên quan đến."),
        ["unsupported-media-type"] = ("Định dạng không được hỗ trợ", "Nội dung gửi lên không đúng định dạng."),
        ["content-too-large"] = ("Nội dung quá lớn", "Nội dung gửi lên quá lớn."),
        ["too-many-sign-in-failures"] = ("Quá nhiều lần đăng nhập thất bại", "Hãy chờ rồi thử lại."),
        ["stale-version"] = ("Hồ sơ đã thay đổi", "Hồ sơ đã có bước mới từ khi bạn đọc nó; không có gì được ghi. Hãy đọc lại hồ sơ rồi thử lại."),
        ["idempotency-key-reused"] = ("Khóa chống gửi trùng đã dùng", "Khóa này đã được dùng với nội dung khác."),
        ["method-not-allowed"] = ("Phương thức không được phép", "Địa chỉ này không nhận phương thức đó."),
        ["database-unavailable"] = ("Cơ sở dữ liệu tạm thời không truy cập được", "Chưa ghi được gì; hãy thử lại sau."),
        ["feed-busy"] = ("Hệ thống đang bận", "Hãy thử lại sau."),
        ["concurrent-change"] = ("Thay đổi đồng thời", "Có thay đổi khác được ghi cùng lúc; hãy đọc lại và thử lại."),
        ["case-closed"] = ("Hồ sơ đã đóng", "Hồ sơ đã đóng; chỉ có thể mở lại."),
        ["case-not-closed"] = ("Hồ sơ chưa đóng", "Chỉ mở lại hồ sơ đã đóng."),
        ["step-out-of-order"] = ("Chưa đến bước này", "Bước trước đó chưa được ghi."),
        ["plan-already-approved"] = ("Kế hoạch đã được phê duyệt", "Kế hoạch đã được phê duyệt, không phê duyệt lại."),
        ["plan-not-current"] = ("Không phải kế hoạch hiện hành", "Kế hoạch này không phải kế hoạch hiện hành của hồ sơ."),
        ["closure-not-recommended"] = ("Chưa được đề nghị đóng hồ sơ", "Chỉ đóng hồ sơ khi lần rà soát gần nhất đề nghị đóng."),
        ["protection-in-force"] = ("Biện pháp bảo vệ khẩn cấp còn hiệu lực", "Kết thúc biện pháp khẩn cấp trước khi đóng hoặc gộp hồ sơ."),
        ["already-recorded"] = ("Đã ghi trước đó", "Việc này đã được ghi."),
        ["interview-limit-reached"] = ("Đã đủ số buổi lấy lời khai trong ngày", "Trẻ đã có số buổi lấy lời khai tối đa trong ngày."),
        ["interview-too-long"] = ("Buổi lấy lời khai quá dài", "Buổi lấy lời khai dài hơn mức cho phép."),
        ["guardian-required"] = ("Cần người giám hộ", "Trẻ dưới độ tuổi quy định được khám khi có cha mẹ hoặc người giám hộ."),
        ["not-a-separation"] = ("Không phải cách ly tạm thời", "Chỉ gia hạn biện pháp cách ly tạm thời."),
        ["order-ended"] = ("Quyết định đã kết thúc", "Quyết định bảo vệ khẩn cấp đã kết thúc."),
        ["school-return-already-planned"] = ("Đã có kế hoạch trở lại trường", "Đã có kế hoạch trở lại trường chưa hoàn thành."),
        ["identity-erased"] = ("Danh tính đã bị xóa", "Danh tính của trẻ trong hồ sơ đã bị xóa."),
        ["consent-withdrawn"] = ("Đã rút lại sự đồng ý", "Sự đồng ý này đã được rút lại."),
        ["handoff-closed"] = ("Việc chuyển giao đã kết thúc", "Việc được giao không còn mở."),
        ["handoff-not-requested"] = ("Việc không còn chờ nhận", "Chỉ việc đang chờ mới được nhận hoặc từ chối."),
        ["clock-stopped"] = ("Đồng hồ đã dừng", "Thời hạn của việc này không còn chạy."),
        ["clock-already-there"] = ("Đồng hồ đã ở trạng thái đó", "Thời hạn đã tạm dừng hoặc đang chạy."),
        ["already-exists"] = ("Đã tồn tại", "Mã này đã được dùng."),
        ["commune-not-in-force"] = ("Xã/phường không còn hiệu lực", "Xã/phường không có hiệu lực vào ngày đó."),
        ["rename-not-later"] = ("Ngày đổi tên không hợp lệ", "Tên mới có hiệu lực sau lần đổi tên trước."),
        ["name-unchanged"] = ("Tên không đổi", "Xã/phường đã có tên đó."),
        ["not-closable-without-plan"] = ("Không thể đóng hồ sơ khi chưa có kế hoạch", "Hồ sơ này chỉ được đóng sau khi có kế hoạch."),
        ["plan-returned"] = ("Kế hoạch đã bị trả lại", "Kế hoạch đã bị trả lại để lập lại."),
        ["special-circumstance-already-established"] = ("Đã xác định hoàn cảnh đặc biệt", "Hoàn cảnh đặc biệt này đã được xác định."),
        ["special-circumstance-not-established"] = ("Chưa xác định hoàn cảnh đặc biệt", "Hoàn cảnh đặc biệt này chưa được xác định."),
        ["already-owned-there"] = ("Hồ sơ đã thuộc nơi đó", "Hồ sơ đã do cơ quan đó phụ trách."),
        ["already-linked"] = ("Hồ sơ đã được liên kết", "Hai hồ sơ đã được liên kết theo cách này."),
        ["duplicate-already-rejected"] = ("Đã xác định không trùng", "Hai hồ sơ này đã được xác định là hai trẻ khác nhau."),
        ["case-merged"] = ("Hồ sơ đã được gộp", "Hồ sơ đã được gộp vào hồ sơ chính: thực hiện bước này trên hồ sơ chính, hoặc tách hai hồ sơ trước."),
        ["not-linked-as-same-child"] = ("Chưa liên kết là cùng một trẻ", "Chỉ gộp hai hồ sơ đã được liên kết là cùng một trẻ: liên kết trước."),
        ["period-not-ended"] = ("Kỳ báo cáo chưa kết thúc", "Kỳ báo cáo chưa kết thúc."),
        ["subscription-limit-reached"] = ("Đã đủ số đăng ký webhook", "Cơ quan đã có số đăng ký webhook tối đa; hãy xóa một đăng ký không còn dùng trước khi đăng ký mới."),
        ["agency-retired"] = ("Cơ quan đã ngừng hoạt động", "Cơ quan đã ngừng hoạt động từ trước."),
    };

    /// <summary>The commonest details, by pattern: <c>{0}</c> is the field or value the English names.</summary>
    private static readonly (Regex English, string Vietnamese)[] Details =
    [
        (Required(), "Trường '{0}' là bắt buộc."),
        (InFuture(), "'{0}' ở thời điểm tương lai; bước chỉ được ghi khi đã xảy ra."),
        (BeforeReport(), "'{0}' trước thời điểm nhận tin báo."),
        (NoCase(), "Không có hồ sơ {0}, hoặc cơ quan của bạn không liên quan đến hồ sơ này."),
        (RoleMayNot(), "Vai trò '{0}' không được thực hiện '{1}'."),
        (RoleMayNotOnCase(), "Vai trò '{0}' không được thực hiện '{1}' trên hồ sơ này theo quan hệ của cơ quan bạn với hồ sơ."),
        (NoCommune(), "Không có xã/phường '{0}' đang có hiệu lực trong danh bạ cơ quan."),
        (NamesNoCommune(), "'{0}' không phải là xã/phường đang có hiệu lực trong danh bạ cơ quan."),
    ];

    /// <summary>The Vietnamese title of a problem of <paramref name="type"/> (its <c>urn:problem-type:cp:</c> URI), or null.</summary>
    public static string? Title(string? type) =>
        type is not null && type.StartsWith(ProblemKind.TypePrefix, StringComparison.Ordinal) && Kinds.TryGetValue(type[ProblemKind.TypePrefix.Length..], out var k)
            ? k.Title : null;

    /// <summary>The detail in Vietnamese: a known sentence translated, else the kind's sentence with the English kept after it.</summary>
    public static string Detail(string? type, string? english)
    {
        foreach (var (pattern, vietnamese) in Details)
            if (english is not null && pattern.Match(english) is { Success: true } m)
                return string.Format(vietnamese, m.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
        var kind = type is not null && type.StartsWith(ProblemKind.TypePrefix, StringComparison.Ordinal) && Kinds.TryGetValue(type[ProblemKind.TypePrefix.Length..], out var k)
            ? k.Detail : "Yêu cầu bị từ chối.";
        return string.IsNullOrWhiteSpace(english) ? kind : $"{kind} ({english})";
    }

    /// <summary>Turns a problem into Vietnamese in place: title and detail, and the field's message under <c>errors</c>.</summary>
    public static void ToVietnamese(ProblemDetails problem)
    {
        problem.Title = Title(problem.Type) ?? problem.Title;
        problem.Detail = Detail(problem.Type, problem.Detail);
        if (problem.Extensions.TryGetValue("errors", out var errors) && errors is Dictionary<string, string[]> byField)
            foreach (var field in byField.Keys.ToList()) byField[field] = [problem.Detail!];
    }

    /// <summary><c>Accept-Language</c> ranks Vietnamese above English (and above any language at all, for <c>*</c>).</summary>
    public static bool PrefersVietnamese(HttpContext http)
    {
        if (!StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage, out var languages)) return false;
        double Quality(string lang) => languages.Where(l => l.Value.Value is { } v && (v.Equals(lang, StringComparison.OrdinalIgnoreCase)
            || v.StartsWith(lang + "-", StringComparison.OrdinalIgnoreCase))).Select(l => l.Quality ?? 1).DefaultIfEmpty(0).Max();
        var vi = Quality("vi");
        return vi > 0 && vi >= Quality("en");
    }

    [GeneratedRegex(@"^'([^']+)' is required\.$")] private static partial Regex Required();
    [GeneratedRegex(@"^'([^']+)' is in the future; a step is recorded once it has happened\.$")] private static partial Regex InFuture();
    [GeneratedRegex(@"^'([^']+)' is before the report was received\.$")] private static partial Regex BeforeReport();
    [GeneratedRegex(@"^No case ([0-9a-f-]+)\.$")] private static partial Regex NoCase();
    [GeneratedRegex(@"^The role '([^']+)' may not take the (?:step|action) '([^']+)'(?: on any case)?\.$")] private static partial Regex RoleMayNot();
    [GeneratedRegex(@"^The role '([^']+)' may not take the action '([^']+)' on a case to which")] private static partial Regex RoleMayNotOnCase();
    [GeneratedRegex(@"^No commune '([^']+)' is in force in the agency directory\.$")] private static partial Regex NoCommune();
    [GeneratedRegex(@"^'([^']+)' names no commune in force in the agency directory\.$")] private static partial Regex NamesNoCommune();
}
