using System.Globalization;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.LegalTime;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// Every word the pages show, Vietnamese first and English second; the request's culture (Web/WebSetup.cs) picks one.
/// Labels, enum values, task descriptions and legal bases; problem details are in <see cref="Common.ProblemText"/>.
/// </summary>
public static partial class Text
{
    public static bool IsVietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Lang => IsVietnamese ? "vi" : "en";

    /// <summary>The text of <paramref name="key"/> in the request's language; the key itself when there is none (a test finds it).</summary>
    public static string T(string key) =>
        Words.TryGetValue(key, out var w) || StepWords.TryGetValue(key, out w) ? (IsVietnamese ? w.Vi : w.En) : key;

    /// <summary>Whether <paramref name="key"/> has words.</summary>
    public static bool Has(string key) => Words.ContainsKey(key) || StepWords.ContainsKey(key);

    public static string T(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>An enum value in words, e.g. <c>HarmForm.SexualAbuse</c> → "Xâm hại tình dục".</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => T($"{typeof(TEnum).Name}.{value}");

    /// <summary>An enum value given by its name, as the case view's JSON holds it.</summary>
    public static string Of(string enumName, string? value) =>
        value is null ? "" : Has($"{enumName}.{value}") ? T($"{enumName}.{value}") : value;

    /// <summary>An instant in Vietnam time and the Vietnamese order: 25/11/2026 14:30.</summary>
    public static string When(DateTimeOffset? at) =>
        at is { } t ? VietnamTime.ToVietnam(t).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Time left until <paramref name="due"/>: in working days where the law counts them (the plan's clocks), else hours and
    /// minutes; overdue when past.
    /// </summary>
    public static string TimeLeft(DateTimeOffset due, DateTimeOffset now, bool workingDays)
    {
        if (due <= now)
        {
            var late = now - due;
            return T("time.overdue", late.TotalHours >= 48 ? T("time.days", (int)late.TotalDays) : T("time.hours", (int)late.TotalHours, late.Minutes));
        }
        if (workingDays)
        {
            var days = 0;
            for (var d = VietnamTime.DateOf(now).AddDays(1); d <= VietnamTime.DateOf(due); d = d.AddDays(1))
                if (WorkingDays.IsWorkingDay(d)) days++;
            return T("time.workingDays", days);
        }
        var left = due - now;
        return T("time.left", left.TotalHours >= 48 ? T("time.days", (int)left.TotalDays) : T("time.hours", (int)left.TotalHours, left.Minutes));
    }

    /// <summary>Whether a clock (by its id in <see cref="LegalClocks"/>) counts working days.</summary>
    public static bool CountsWorkingDays(string clockId) => LegalClocks.Find(clockId)?.WorkingDays is not null;

    /// <summary>A role in words; a role the pages do not know (a system actor's) as it is written.</summary>
    public static string Role(string? role) => role is null ? "" : Has("role." + role) ? T("role." + role) : role;

    /// <summary>The legal basis of a task in plain words (the pathway's English citation stays in the API).</summary>
    public static string LegalBasis(HandoffTask task) => T($"basis.{task}");

    private static readonly Dictionary<string, (string Vi, string En)> Words = new()
    {
        // The frame
        ["app.name"] = ("Điều phối bảo vệ trẻ em", "Child protection coordination"),
        ["nav.mywork"] = ("Việc của tôi", "My work"),
        ["nav.newReport"] = ("Tiếp nhận tin báo mới", "New report"),
        ["nav.signOut"] = ("Đăng xuất", "Sign out"),
        ["nav.language"] = ("Ngôn ngữ", "Language"),
        ["nav.skip"] = ("Bỏ qua, đến nội dung chính", "Skip to the main content"),
        ["nav.signedInAs"] = ("Đang đăng nhập: {0} — {1}, {2}", "Signed in: {0} — {1}, {2}"),
        ["lang.switch"] = ("English", "Tiếng Việt"),

        // Sign-in
        ["signin.title"] = ("Đăng nhập", "Sign in"),
        ["signin.intro"] = ("Bản chạy thử trên máy: chọn một người trong danh bạ mẫu để xem trang theo vai trò và cơ quan của họ.",
            "Local demo: choose a person of the demo directory to see the pages as their role and agency."),
        ["signin.person"] = ("Người dùng", "Person"),
        ["signin.submit"] = ("Đăng nhập", "Sign in"),
        ["signin.none"] = ("Danh bạ chưa có cơ quan nào.", "The directory holds no agency yet."),
        ["signin.national"] = ("Toàn quốc", "National"),
        ["signin.province"] = ("Tỉnh/thành phố {0}", "Province {0}"),
        ["signin.choose"] = ("Hãy chọn một người.", "Choose a person."),

        // Inbox
        ["inbox.title"] = ("Việc của tôi", "My work"),
        ["inbox.of"] = ("Việc được giao cho {0}, hạn gần nhất trước.", "Work handed to {0}, soonest due first."),
        ["inbox.empty"] = ("Không có việc nào đang chờ.", "Nothing is waiting."),
        ["inbox.noInbox"] = ("Vai trò này không có hộp việc.", "This role has no inbox."),
        ["inbox.task"] = ("Việc", "Task"),
        ["inbox.case"] = ("Hồ sơ", "Case"),
        ["inbox.from"] = ("Giao từ", "From"),
        ["inbox.due"] = ("Hạn", "Due"),
        ["inbox.status"] = ("Tình trạng", "Status"),
        ["inbox.basis"] = ("Căn cứ pháp lý", "Legal basis"),
        ["inbox.actions"] = ("Xử lý", "Act"),
        ["inbox.accepted"] = ("Đã nhận", "Accepted"),
        ["inbox.waiting"] = ("Chờ nhận", "Waiting to be accepted"),
        ["inbox.overdue"] = ("Quá hạn", "Overdue"),
        ["inbox.breached"] = ("Đã vi phạm thời hạn luật định", "Legal deadline breached"),
        ["inbox.paused"] = ("Tạm dừng tính giờ", "Clock paused"),
        ["inbox.open"] = ("Mở hồ sơ", "Open the case"),
        ["inbox.accept"] = ("Nhận việc", "Accept"),
        ["inbox.decline"] = ("Từ chối", "Decline"),
        ["inbox.reason"] = ("Lý do từ chối", "Reason for declining"),
        ["inbox.acceptedNow"] = ("Đã nhận việc.", "The work is accepted."),
        ["inbox.declinedNow"] = ("Đã từ chối việc.", "The work is declined."),

        // The case
        ["case.title"] = ("Hồ sơ {0}", "Case {0}"),
        ["case.status"] = ("Trạng thái", "Status"),
        ["case.stage"] = ("Bước", "Stage"),
        ["case.received"] = ("Nhận tin báo", "Reported"),
        ["case.lastStep"] = ("Bước gần nhất", "Latest step"),
        ["case.version"] = ("Phiên bản", "Version"),
        ["case.channel"] = ("Kênh tiếp nhận", "Channel"),
        ["case.reportingAgency"] = ("Cơ quan tiếp nhận", "Reporting agency"),
        ["case.child"] = ("Trẻ em", "The child"),
        ["case.childName"] = ("Họ tên", "Name"),
        ["case.sex"] = ("Giới tính", "Sex"),
        ["case.age"] = ("Tuổi", "Age"),
        ["case.dob"] = ("Ngày sinh", "Date of birth"),
        ["case.residence"] = ("Nơi cư trú (xã/phường)", "Commune of residence"),
        ["case.school"] = ("Trường", "School"),
        ["case.incident"] = ("Sự việc", "What happened"),
        ["case.incidentCommune"] = ("Nơi xảy ra (xã/phường)", "Commune where it happened"),
        ["case.harm"] = ("Hình thức xâm hại", "Forms of harm"),
        ["case.danger"] = ("Nguy hiểm trước mắt", "Immediate danger"),
        ["case.verified"] = ("Đã xác minh", "Verified"),
        ["case.risk"] = ("Đánh giá nguy cơ ban đầu (Mẫu 02)", "Initial risk assessment (Form 02)"),
        ["case.plan"] = ("Kế hoạch hỗ trợ, can thiệp", "Support plan"),
        ["case.openWork"] = ("Việc đang mở và thời hạn", "Open work and clocks"),
        ["case.noOpenWork"] = ("Không có việc đang mở mà bạn được xem.", "No open work you may see."),
        ["case.clocks"] = ("Thời hạn luật định", "Legal clocks"),
        ["case.clock"] = ("Thời hạn", "Clock"),
        ["case.met"] = ("Đã đáp ứng lúc {0}", "Met at {0}"),
        ["case.handoffs"] = ("Chuyển giao giữa các cơ quan", "Hand-offs between agencies"),
        ["case.noHandoffs"] = ("Chưa có chuyển giao nào bạn được xem.", "No hand-off you may see."),
        ["case.to"] = ("Giao cho", "To"),
        ["case.state"] = ("Tình trạng", "State"),
        ["case.steps"] = ("Bước bạn có thể thực hiện", "Steps you may take"),
        ["case.noSteps"] = ("Vai trò của bạn không có bước nào thực hiện được trên hồ sơ này lúc này.", "Your role has no step to take on this case now."),
        ["case.timeline"] = ("Lịch sử hồ sơ (kiểm tra)", "Case history (audit)"),
        ["case.stale"] = ("Hồ sơ đã thay đổi từ khi bạn mở trang này, nên bước chưa được ghi. Dưới đây là hồ sơ hiện tại: hãy xem lại rồi gửi lại.",
            "The case moved on since you opened this page, so the step was not recorded. Below is the case as it is now: check it and send again."),
        ["case.done"] = ("Đã ghi bước: {0}.", "Recorded: {0}."),
        ["case.possibleDuplicates"] = ("Báo cáo này có thể trùng với {0} trường hợp đã biết (cùng một trẻ). UBND xã quản lý xác nhận hoặc bác bỏ trùng lặp.",
            "This report may duplicate {0} known case(s) (the same child). The owning commune confirms or rejects the match."),
        ["case.yes"] = ("Có", "Yes"),
        ["case.no"] = ("Không", "No"),
        ["case.description"] = ("Việc", "Work"),
        ["case.since"] = ("Từ", "Since"),
        ["case.due"] = ("Hạn", "Due"),
        ["case.left"] = ("Còn lại", "Time left"),
        ["case.overall"] = ("Mức nguy cơ chung", "Overall risk"),
        ["case.notFound"] = ("Không tìm thấy hồ sơ, hoặc cơ quan của bạn không liên quan đến hồ sơ này.", "No such case, or none your agency is related to."),
        ["case.forbidden"] = ("Bạn không có quyền làm việc này.", "You may not do this."),
        ["case.submit"] = ("Ghi lại", "Record"),

        // Step forms
        ["step.Verify"] = ("Kiểm tra, xác minh thông tin", "Verify the report"),
        ["step.AssessRisk"] = ("Đánh giá nguy cơ ban đầu (Mẫu 02)", "Initial risk assessment (Form 02)"),
        ["step.AssessNeeds"] = ("Đánh giá chi tiết nhu cầu (Mẫu 03)", "Detailed needs assessment (Form 03)"),
        ["step.DraftPlan"] = ("Lập kế hoạch hỗ trợ, can thiệp (Mẫu 04)", "Draft the support plan (Form 04)"),
        ["step.ApprovePlan"] = ("Phê duyệt kế hoạch (Mẫu 05)", "Approve the plan (Form 05)"),
        ["step.Report"] = ("Tiếp nhận tin báo (Mẫu 01)", "Report received (Form 01)"),
        ["step.Accept"] = ("Nhận việc", "Accept the work"),
        ["step.Decline"] = ("Từ chối việc", "Decline the work"),
        ["field.substantiated"] = ("Thông tin có cơ sở", "The report is substantiated"),
        ["field.findings"] = ("Kết quả xác minh", "Findings"),
        ["field.severityOfHarm"] = ("Mức độ tổn hại", "Severity of harm"),
        ["field.abuserAccess"] = ("Khả năng người gây hại tiếp cận trẻ", "The abuser's access to the child"),
        ["field.careObstacles"] = ("Trở ngại trong môi trường chăm sóc", "Obstacles in the care setting"),
        ["field.overall"] = ("Mức nguy cơ chung", "Overall risk"),
        ["field.emergencyMeasuresNeeded"] = ("Cần biện pháp khẩn cấp", "Emergency measures needed"),
        ["field.needs"] = ("Nhu cầu của trẻ (mỗi dòng một nhu cầu)", "The child's needs (one a line)"),
        ["field.goals"] = ("Mục tiêu của kế hoạch", "Goals of the plan"),
        ["field.serviceKind"] = ("Dịch vụ", "Service"),
        ["field.provider"] = ("Cơ quan cung cấp", "Provider"),
        ["field.serviceDescription"] = ("Mô tả dịch vụ", "What the service is"),
        ["field.dueDate"] = ("Hạn hoàn thành (ngày/tháng/năm)", "Due date"),
        ["field.decision"] = ("Ý kiến phê duyệt", "Decision note"),
        ["field.reason"] = ("Lý do", "Reason"),

        // Form 01
        ["report.title"] = ("Tiếp nhận tin báo (Mẫu 01)", "New report (Form 01)"),
        ["report.notAllowed"] = ("Vai trò của bạn không tiếp nhận tin báo.", "Your role does not take reports."),
        ["report.channel"] = ("Kênh tiếp nhận", "Channel"),
        ["report.reporter"] = ("Người báo tin", "The reporter"),
        ["report.relation"] = ("Quan hệ với trẻ", "Relation to the child"),
        ["report.consents"] = ("Người báo tin đồng ý cho ghi danh tính", "The reporter agrees to be identified"),
        ["report.anonymous"] = ("Nếu không đồng ý, họ tên và số điện thoại sẽ không được lưu (Nghị định 56, Điều 25).",
            "Without consent, name and phone are not kept (Decree 56, Art. 25)."),
        ["report.reporterName"] = ("Họ tên người báo tin", "Reporter's name"),
        ["report.reporterPhone"] = ("Số điện thoại", "Phone"),
        ["report.childSection"] = ("Trẻ em", "The child"),
        ["report.occurredAt"] = ("Thời điểm xảy ra (giờ Việt Nam)", "When it happened (Vietnam time)"),
        ["report.description"] = ("Mô tả sự việc", "What happened"),
        ["report.perpetrator"] = ("Người bị nghi gây hại", "Suspected perpetrator"),
        ["report.submit"] = ("Ghi nhận tin báo", "Record the report"),
        ["report.dobOrAge"] = ("Ghi ngày sinh hoặc tuổi.", "Give a date of birth or an age."),

        // Timeline
        ["timeline.title"] = ("Lịch sử hồ sơ {0}", "History of case {0}"),
        ["timeline.version"] = ("Phiên bản", "Version"),
        ["timeline.event"] = ("Sự kiện", "Event"),
        ["timeline.who"] = ("Người ghi", "Recorded by"),
        ["timeline.agency"] = ("Cơ quan", "Agency"),
        ["timeline.role"] = ("Vai trò", "Role"),
        ["timeline.stepAt"] = ("Thời điểm thực hiện", "Happened at"),
        ["timeline.recordedAt"] = ("Thời điểm ghi", "Recorded at"),
        ["timeline.late"] = ("Ghi muộn", "Late entry"),
        ["timeline.asOf"] = ("Xem hồ sơ tại phiên bản", "See the case at version"),
        ["timeline.asOfDate"] = ("hoặc tại thời điểm (giờ Việt Nam)", "or as of (Vietnam time)"),
        ["timeline.show"] = ("Xem", "Show"),
        ["timeline.now"] = ("Hiện tại", "Now"),
        ["timeline.showing"] = ("Đang xem: {0}", "Showing: {0}"),
        ["timeline.atVersion"] = ("phiên bản {0}", "version {0}"),
        ["timeline.next"] = ("Trang sau", "Next page"),
        ["timeline.integrity"] = ("Tính toàn vẹn", "Integrity"),
        ["timeline.verdict"] = ("Kết luận", "Verdict"),
        ["timeline.checked"] = ("Số sự kiện đã kiểm", "Events checked"),
        ["timeline.anchor"] = ("Mốc neo bao phủ", "Covering anchor"),
        ["timeline.noAnchor"] = ("Chưa có mốc neo nào bao phủ hồ sơ này.", "No anchor covers this case yet."),
        ["timeline.export"] = ("Bản in toàn bộ hồ sơ", "Printable export"),
        ["timeline.caseThen"] = ("Hồ sơ lúc đó", "The case then"),
        ["timeline.forbidden"] = ("Vai trò của bạn không xem lịch sử hồ sơ này.", "Your role does not read this case's history."),
        ["integrity.intact"] = ("Nguyên vẹn", "Intact"),
        ["integrity.broken"] = ("Bị thay đổi", "Broken"),
        ["integrity.unsealed"] = ("Chưa niêm phong hết", "Not all sealed yet"),

        // Time
        ["time.left"] = ("còn {0}", "{0} left"),
        ["time.overdue"] = ("quá hạn {0}", "overdue by {0}"),
        ["time.hours"] = ("{0} giờ {1} phút", "{0} h {1} min"),
        ["time.days"] = ("{0} ngày", "{0} days"),
        ["time.workingDays"] = ("còn {0} ngày làm việc", "{0} working days left"),

        // Problems shown on forms
        ["problem.field"] = ("Lỗi ở trường {0}", "Error in {0}"),
        ["problem.heading"] = ("Chưa ghi được", "Not recorded"),

        // Roles
        ["role.hotline-operator"] = ("Điện thoại viên Tổng đài 111", "Hotline 111 operator"),
        ["role.commune-officer"] = ("Cán bộ bảo vệ trẻ em cấp xã", "Commune child-protection officer"),
        ["role.commune-chair"] = ("Chủ tịch UBND xã/phường", "Commune Chair"),
        ["role.police-officer"] = ("Cán bộ công an", "Police officer"),
        ["role.health-worker"] = ("Nhân viên y tế", "Health worker"),
        ["role.social-worker"] = ("Nhân viên công tác xã hội", "Social worker"),
        ["role.education-officer"] = ("Cán bộ giáo dục", "Education officer"),
        ["role.mass-organisation"] = ("Tổ chức đoàn thể", "Mass organisation"),
        ["role.auditor"] = ("Thanh tra, kiểm tra", "Auditor"),
        ["role.admin"] = ("Quản trị hệ thống", "Administrator"),
        ["role.system"] = ("Hệ thống", "System"),
        ["role.integrator"] = ("Hệ thống kết nối", "Integrator"),

        // Enums
        ["CaseStatus.Open"] = ("Đang xử lý", "Open"),
        ["CaseStatus.Closed"] = ("Đã đóng", "Closed"),
        ["CaseStage.Reported"] = ("Đã tiếp nhận tin báo", "Reported"),
        ["CaseStage.Verified"] = ("Đã xác minh", "Verified"),
        ["CaseStage.RiskAssessed"] = ("Đã đánh giá nguy cơ ban đầu", "Risk assessed"),
        ["CaseStage.NeedsAssessed"] = ("Đã đánh giá chi tiết", "Needs assessed"),
        ["CaseStage.PlanDrafted"] = ("Đã lập kế hoạch", "Plan drafted"),
        ["CaseStage.PlanApproved"] = ("Kế hoạch đã được phê duyệt", "Plan approved"),
        ["CaseStage.Reviewed"] = ("Đã rà soát", "Reviewed"),
        ["CaseStage.Closed"] = ("Đã đóng", "Closed"),
        ["CaseStage.Reopened"] = ("Mở lại", "Reopened"),
        ["ReportChannel.Hotline111"] = ("Tổng đài 111", "Hotline 111"),
        ["ReportChannel.Commune"] = ("UBND xã/phường", "Commune"),
        ["ReportChannel.Police"] = ("Công an", "Police"),
        ["ReportChannel.Health"] = ("Cơ sở y tế", "Health"),
        ["ReportChannel.School"] = ("Nhà trường", "School"),
        ["ReportChannel.WalkIn"] = ("Trực tiếp", "Walk-in"),
        ["ReportChannel.Online"] = ("Trực tuyến", "Online"),
        ["HarmForm.Violence"] = ("Bạo lực", "Violence"),
        ["HarmForm.Exploitation"] = ("Bóc lột", "Exploitation"),
        ["HarmForm.SexualAbuse"] = ("Xâm hại tình dục", "Sexual abuse"),
        ["HarmForm.Trafficking"] = ("Mua bán", "Trafficking"),
        ["HarmForm.Abandonment"] = ("Bỏ rơi", "Abandonment"),
        ["HarmForm.Neglect"] = ("Bỏ mặc", "Neglect"),
        ["HarmForm.Other"] = ("Khác", "Other"),
        ["Sex.Female"] = ("Nữ", "Female"),
        ["Sex.Male"] = ("Nam", "Male"),
        ["Sex.Unknown"] = ("Không rõ", "Unknown"),
        ["RiskLevel.Low"] = ("Thấp", "Low"),
        ["RiskLevel.Medium"] = ("Trung bình", "Medium"),
        ["RiskLevel.High"] = ("Cao", "High"),
        ["PerpetratorRelation.Parent"] = ("Cha/mẹ", "Parent"),
        ["PerpetratorRelation.StepParent"] = ("Cha dượng/mẹ kế", "Step-parent"),
        ["PerpetratorRelation.Relative"] = ("Người thân", "Relative"),
        ["PerpetratorRelation.Caregiver"] = ("Người chăm sóc", "Caregiver"),
        ["PerpetratorRelation.Teacher"] = ("Giáo viên", "Teacher"),
        ["PerpetratorRelation.Peer"] = ("Bạn cùng lứa", "Peer"),
        ["PerpetratorRelation.Acquaintance"] = ("Người quen", "Acquaintance"),
        ["PerpetratorRelation.Stranger"] = ("Người lạ", "Stranger"),
        ["PerpetratorRelation.Unknown"] = ("Không rõ", "Unknown"),
        ["PerpetratorRelation.Other"] = ("Khác", "Other"),
        ["ServiceKind.MedicalCare"] = ("Khám, chữa bệnh", "Medical care"),
        ["ServiceKind.ForensicExamination"] = ("Giám định pháp y", "Forensic examination"),
        ["ServiceKind.ChildFriendlyInterview"] = ("Lấy lời khai thân thiện", "Child-friendly interview"),
        ["ServiceKind.PsychosocialSupport"] = ("Hỗ trợ tâm lý", "Psychosocial support"),
        ["ServiceKind.Shelter"] = ("Nơi tạm lánh", "Shelter"),
        ["ServiceKind.Counselling"] = ("Tư vấn", "Counselling"),
        ["ServiceKind.LegalAid"] = ("Trợ giúp pháp lý", "Legal aid"),
        ["ServiceKind.SchoolReintegration"] = ("Hỗ trợ trở lại trường học", "School reintegration"),
        ["ServiceKind.Other"] = ("Khác", "Other"),
        ["AgencyKind.Hotline"] = ("Tổng đài 111", "Hotline 111"),
        ["AgencyKind.CommunePeoplesCommittee"] = ("UBND xã/phường", "Commune People's Committee"),
        ["AgencyKind.CommunePolice"] = ("Công an xã/phường", "Commune police"),
        ["AgencyKind.ProvincialPolice"] = ("Công an tỉnh", "Provincial police"),
        ["AgencyKind.HealthFacility"] = ("Cơ sở y tế", "Health facility"),
        ["AgencyKind.ProvincialHealthDepartment"] = ("Sở Y tế", "Department of Health"),
        ["AgencyKind.SocialWorkCentre"] = ("Trung tâm công tác xã hội", "Social work centre"),
        ["AgencyKind.Education"] = ("Phòng Giáo dục và Đào tạo", "Education office"),
        ["AgencyKind.JusticeLegalAid"] = ("Trợ giúp pháp lý", "Legal aid"),
        ["AgencyKind.MassOrganisation"] = ("Tổ chức đoàn thể", "Mass organisation"),
        ["PlanStatus.Drafted"] = ("Dự thảo", "Drafted"),
        ["PlanStatus.Approved"] = ("Đã phê duyệt", "Approved"),
        ["HandoffState.Requested"] = ("Chờ nhận", "Requested"),
        ["HandoffState.Accepted"] = ("Đã nhận", "Accepted"),
        ["HandoffState.Completed"] = ("Đã hoàn thành", "Completed"),
        ["HandoffState.Declined"] = ("Bị từ chối", "Declined"),
        ["HandoffState.Cancelled"] = ("Đã hủy", "Cancelled"),
        ["HandoffTask.VerifyAndAssess"] = ("Xác minh và đánh giá nguy cơ ban đầu (Mẫu 02)", "Verify the report and assess the risk (Form 02)"),
        ["HandoffTask.EmergencyDecision"] = ("Quyết định biện pháp bảo vệ khẩn cấp (Mẫu 07)", "Decide on emergency protection (Form 07)"),
        ["HandoffTask.MedicalExamination"] = ("Khám, giám định pháp y", "Medical and forensic examination"),
        ["HandoffTask.CrimeReport"] = ("Tiếp nhận tố giác tội phạm", "Record the crime report"),
        ["HandoffTask.ChildFriendlyInterview"] = ("Lấy lời khai thân thiện với trẻ", "Child-friendly interview"),
        ["HandoffTask.DraftPlan"] = ("Lập kế hoạch hỗ trợ, can thiệp (Mẫu 04)", "Draft the support plan (Form 04)"),
        ["HandoffTask.ApprovePlan"] = ("Phê duyệt kế hoạch (Mẫu 05)", "Approve the support plan (Form 05)"),
        ["HandoffTask.ProvideService"] = ("Cung cấp dịch vụ trong kế hoạch", "Provide a service of the plan"),
        ["HandoffTask.SchoolReintegration"] = ("Hỗ trợ trẻ trở lại trường học", "Support the child's return to school"),
        ["HandoffTask.Escalation"] = ("Xử lý việc đã quá hạn", "Act on work past its deadline"),
        ["basis.VerifyAndAssess"] = ("Nghị định 56/2017/NĐ-CP, Điều 26–27: Tổng đài 111, cơ quan y tế hoặc công an chuyển ngay cho UBND xã nơi xảy ra sự việc; xã xác minh và đánh giá nguy cơ trong 12 giờ kể từ khi nhận tin báo.",
            "Decree 56/2017, Arts. 26–27: 111, health or police hand the case at once to the commune where it happened, which verifies and assesses the risk within 12 hours of the report."),
        ["basis.EmergencyDecision"] = ("Nghị định 56/2017/NĐ-CP, Điều 28: khi trẻ có nguy cơ bị tổn hại nghiêm trọng, Chủ tịch UBND xã quyết định biện pháp bảo vệ khẩn cấp trong 12 giờ kể từ khi nhận tin báo.",
            "Decree 56/2017, Art. 28: where the child faces serious harm, the commune Chair orders emergency protection within 12 hours of the report."),
        ["basis.MedicalExamination"] = ("Luật Trẻ em 2016, Điều 50 và Nghị định 56/2017/NĐ-CP, Điều 30: cơ sở y tế khám, chữa bệnh cho trẻ bị xâm hại; giám định pháp y khi có dấu hiệu tội phạm.",
            "Law on Children 2016, Art. 50 and Decree 56/2017, Art. 30: health examines and treats the child; forensic examination for signs of a crime."),
        ["basis.CrimeReport"] = ("Bộ luật Tố tụng hình sự 2015, Điều 145 và Nghị định 56/2017/NĐ-CP, Điều 25: công an xã tiếp nhận, kiểm tra và chuyển tố giác trong 24 giờ.",
            "Criminal Procedure Code 2015, Art. 145 and Decree 56/2017, Art. 25: commune police record, check and pass on a crime report within 24 hours."),
        ["basis.ChildFriendlyInterview"] = ("Luật Tư pháp người chưa thành niên 2024: lấy lời khai thân thiện do cán bộ được đào tạo thực hiện, có người giám hộ tham dự.",
            "Law on Juvenile Justice 2024: child-friendly interviews by a trained officer, guardian present."),
        ["basis.DraftPlan"] = ("Nghị định 56/2017/NĐ-CP, Điều 30: người làm công tác bảo vệ trẻ em cấp xã lập kế hoạch hỗ trợ trong 5 ngày làm việc.",
            "Decree 56/2017, Art. 30: the commune officer drafts the support plan within 5 working days."),
        ["basis.ApprovePlan"] = ("Nghị định 56/2017/NĐ-CP, Điều 30: Chủ tịch UBND xã phê duyệt kế hoạch trong 7 ngày làm việc kể từ khi nhận tin báo.",
            "Decree 56/2017, Art. 30: the commune Chair approves the plan within 7 working days of the report."),
        ["basis.ProvideService"] = ("Nghị định 56/2017/NĐ-CP, Điều 31: các cơ quan được giao trong kế hoạch thực hiện từng dịch vụ đúng hạn.",
            "Decree 56/2017, Art. 31: the agencies named in the plan give each service by its due date."),
        ["basis.SchoolReintegration"] = ("Luật Trẻ em 2016, Điều 47 và Nghị định 56/2017/NĐ-CP, Điều 30: ngành giáo dục hỗ trợ trẻ trở lại trường, giữ bí mật danh tính của trẻ.",
            "Law on Children 2016, Art. 47 and Decree 56/2017, Art. 30: education supports the child's return to school, identity protected."),
        ["basis.Escalation"] = ("Cơ quan cấp trên đôn đốc xử lý việc đã quá thời hạn luật định.",
            "The supervising agency acts on work whose legal deadline passed."),
        ["clock.initial-assessment"] = ("Đánh giá nguy cơ ban đầu: 12 giờ (Nghị định 56, Điều 27)", "Initial assessment: 12 hours (Decree 56, Art. 27)"),
        ["clock.emergency-decision"] = ("Quyết định bảo vệ khẩn cấp: 12 giờ (Nghị định 56, Điều 28)", "Emergency decision: 12 hours (Decree 56, Art. 28)"),
        ["clock.crime-report"] = ("Tiếp nhận tố giác: 24 giờ (Nghị định 56, Điều 25)", "Crime report: 24 hours (Decree 56, Art. 25)"),
        ["clock.medical-examination"] = ("Khám, giám định: 24 giờ", "Examination: 24 hours"),
        ["clock.plan-drafted"] = ("Lập kế hoạch: 5 ngày làm việc (Nghị định 56, Điều 30)", "Plan drafted: 5 working days (Decree 56, Art. 30)"),
        ["clock.plan-approved"] = ("Phê duyệt kế hoạch: 7 ngày làm việc (Nghị định 56, Điều 30)", "Plan approved: 7 working days (Decree 56, Art. 30)"),
        ["event.CaseReported"] = ("Tiếp nhận tin báo (Mẫu 01)", "Report received (Form 01)"),
        ["event.CrimeReportRecorded"] = ("Tiếp nhận tố giác", "Crime report recorded"),
        ["event.ReportVerified"] = ("Xác minh tin báo", "Report verified"),
        ["event.InitialRiskAssessed"] = ("Đánh giá nguy cơ ban đầu (Mẫu 02)", "Initial risk assessed (Form 02)"),
        ["event.EmergencyProtectionOrdered"] = ("Quyết định bảo vệ khẩn cấp (Mẫu 07)", "Emergency protection ordered (Form 07)"),
        ["event.SeparationExtended"] = ("Gia hạn cách ly tạm thời", "Separation extended"),
        ["event.EmergencyProtectionEnded"] = ("Kết thúc bảo vệ khẩn cấp", "Emergency protection ended"),
        ["event.DetailedAssessmentCompleted"] = ("Đánh giá chi tiết (Mẫu 03)", "Detailed assessment (Form 03)"),
        ["event.SupportPlanDrafted"] = ("Lập kế hoạch hỗ trợ (Mẫu 04)", "Support plan drafted (Form 04)"),
        ["event.SupportPlanApproved"] = ("Phê duyệt kế hoạch (Mẫu 05)", "Support plan approved (Form 05)"),
        ["event.MedicalExamRequested"] = ("Đề nghị khám, giám định", "Examination requested"),
        ["event.MedicalExamCompleted"] = ("Đã khám, giám định", "Examination done"),
        ["event.InterviewScheduled"] = ("Lên lịch lấy lời khai", "Interview scheduled"),
        ["event.InterviewConducted"] = ("Đã lấy lời khai", "Interview held"),
        ["event.PsychosocialSupportProvided"] = ("Hỗ trợ tâm lý", "Psychosocial support given"),
        ["event.LegalAidProvided"] = ("Trợ giúp pháp lý", "Legal aid given"),
        ["event.SchoolReintegrationPlanned"] = ("Lên kế hoạch trở lại trường", "Return to school planned"),
        ["event.SchoolReintegrationCompleted"] = ("Đã trở lại trường", "Returned to school"),
        ["event.CaseReviewed"] = ("Rà soát (Mẫu 06)", "Reviewed (Form 06)"),
        ["event.CaseClosed"] = ("Đóng hồ sơ", "Case closed"),
        ["event.CaseReopened"] = ("Mở lại hồ sơ", "Case reopened"),
        ["event.HandoffRequested"] = ("Chuyển giao việc", "Work handed on"),
        ["event.HandoffUnroutable"] = ("Không tìm được cơ quan nhận việc", "No agency to hand the work to"),
        ["event.HandoffAccepted"] = ("Nhận việc", "Work accepted"),
        ["event.HandoffDeclined"] = ("Từ chối việc", "Work declined"),
        ["event.HandoffCompleted"] = ("Hoàn thành việc được giao", "Work completed"),
        ["event.HandoffCancelled"] = ("Hủy việc được giao", "Work cancelled"),
        ["event.HandoffRerouted"] = ("Chuyển việc sang cơ quan khác", "Work rerouted"),
        ["event.ClockBreached"] = ("Quá thời hạn luật định", "Legal deadline breached"),
        ["event.ClockPaused"] = ("Tạm dừng tính giờ", "Clock paused"),
        ["event.ClockResumed"] = ("Tiếp tục tính giờ", "Clock resumed"),
        ["event.ClockStopped"] = ("Dừng tính giờ", "Clock stopped"),
        ["event.IdentityErased"] = ("Xóa danh tính", "Identity erased"),
        ["event.ChildIdentityCorrected"] = ("Sửa thông tin nhận dạng của trẻ", "The child's identity corrected"),
        ["event.ConsentGiven"] = ("Đồng ý tiết lộ thông tin", "Consent given"),
        ["event.ConsentWithdrawn"] = ("Rút lại sự đồng ý", "Consent withdrawn"),
        ["PlanStatus.Returned"] = ("Bị trả lại", "Returned"),
        ["HandoffTask.ReviewCase"] = ("Rà soát hồ sơ (Mẫu 06)", "Review the case (Form 06)"),
        ["HandoffTask.CloseCase"] = ("Đóng hồ sơ", "Close the case"),
        ["HandoffTask.SeparationEnding"] = ("Cách ly tạm thời sắp hết hạn", "Temporary separation ending"),
        ["HandoffTask.FollowUp"] = ("Theo dõi sau can thiệp", "Follow up"),
        ["basis.ReviewCase"] = ("Nghị định 56/2017/NĐ-CP, Điều 32: rà soát, đánh giá việc thực hiện kế hoạch.", "Decree 56/2017, Art. 32: review how the plan is carried out."),
        ["basis.CloseCase"] = ("Nghị định 56/2017/NĐ-CP, Điều 32: Chủ tịch UBND xã đóng hồ sơ khi trẻ đã an toàn, ổn định.", "Decree 56/2017, Art. 32: the commune Chair closes the case once the child is safe and stable."),
        ["basis.SeparationEnding"] = ("Nghị định 56/2017/NĐ-CP, Điều 28: cách ly tạm thời không quá 15 ngày, trừ khi được gia hạn.", "Decree 56/2017, Art. 28: a temporary separation lasts at most 15 days unless extended."),
        ["basis.FollowUp"] = ("Không còn việc nào đang mở trong hồ sơ: UBND xã quyết định bước tiếp theo (đóng hồ sơ có lý do, hoặc lập kế hoạch) để không hồ sơ nào bị bỏ quên.",
            "No other work is open on the case: the commune decides the next step (close it with a reason, or plan) so that no case is forgotten."),
        ["role.ministry-officer"] = ("Cán bộ Bộ Y tế", "Ministry officer"),
        ["event.SupportPlanReturned"] = ("Trả lại kế hoạch", "Plan returned"),
        ["event.ServiceProgressRecorded"] = ("Ghi tiến độ dịch vụ", "Service progress recorded"),
        ["event.CaseTransferred"] = ("Chuyển hồ sơ", "Case transferred"),
        ["event.CaseLinked"] = ("Liên kết hồ sơ", "Cases linked"),
        ["event.CaseUnlinked"] = ("Bỏ liên kết hồ sơ", "Cases unlinked"),
        ["event.DuplicateRejected"] = ("Xác định không trùng hồ sơ", "Possible duplicate rejected"),
        ["event.CaseMerged"] = ("Gộp hồ sơ", "Cases merged"),
        ["event.CaseUnmerged"] = ("Tách hồ sơ đã gộp", "Merge undone"),
        ["event.SpecialCircumstanceEstablished"] = ("Xác định hoàn cảnh đặc biệt", "Special circumstance established"),
        ["event.SpecialCircumstanceEnded"] = ("Kết thúc hoàn cảnh đặc biệt", "Special circumstance ended"),
        ["ReportChannel.SocialWorkCentre"] = ("Trung tâm công tác xã hội", "Social work centre"),
        ["ReportChannel.ProvincialSocialWorkLine"] = ("Đường dây công tác xã hội của tỉnh", "Provincial social-work line"),
        ["ReportChannel.ProvincialCounsellingLine"] = ("Đường dây tư vấn của tỉnh", "Provincial counselling line"),
        ["HarmForm.Abduction"] = ("Bắt cóc", "Abduction"),
        ["AgencyKind.Procuracy"] = ("Viện kiểm sát nhân dân", "Procuracy"),
        ["AgencyKind.Court"] = ("Tòa án nhân dân", "Court"),
        ["AgencyKind.ForensicMedicineCentre"] = ("Trung tâm pháp y", "Forensic medicine centre"),
        ["AgencyKind.InterSectorCoordinationBody"] = ("Nhóm công tác liên ngành", "Inter-sector coordination body"),
        ["AgencyKind.WomensUnion"] = ("Hội Liên hiệp Phụ nữ", "Women's Union"),
        ["AgencyKind.YouthUnion"] = ("Đoàn Thanh niên", "Youth Union"),
        ["AgencyKind.School"] = ("Nhà trường", "School"),
        ["HandoffTask.ForensicExamination"] = ("Giám định pháp y", "Forensic examination"),
        ["HandoffTask.CriminalProceedings"] = ("Quyết định khởi tố hoặc không khởi tố", "Decide on criminal proceedings"),
        ["basis.ForensicExamination"] = ("Bộ luật Tố tụng hình sự 2015: trưng cầu giám định pháp y khi có dấu hiệu tội phạm.",
            "Criminal Procedure Code 2015: a forensic examination where there are signs of a crime."),
        ["basis.CriminalProceedings"] = ("Bộ luật Tố tụng hình sự 2015, Điều 147: cơ quan điều tra giải quyết tố giác, tin báo về tội phạm.",
            "Criminal Procedure Code 2015, Art. 147: the investigation agency decides on the crime report."),
        ["event.CriminalProceedingsDecided"] = ("Quyết định về việc khởi tố", "Criminal proceedings decided"),
        ["work.verification"] = ("Kiểm tra, xác minh tin báo", "Verify the report"),
        ["work.initial-risk-assessment"] = ("Đánh giá nguy cơ ban đầu (Mẫu 02)", "Initial risk assessment (Form 02)"),
        ["work.crime-report"] = ("Công an tiếp nhận tố giác", "Police record the crime report"),
        ["work.emergency-decision"] = ("Chủ tịch xã quyết định bảo vệ khẩn cấp (Mẫu 07)", "The Chair decides on emergency protection (Form 07)"),
        ["work.emergency-protection"] = ("Biện pháp bảo vệ khẩn cấp đang áp dụng", "Emergency protection in force"),
        ["work.detailed-assessment"] = ("Đánh giá chi tiết nhu cầu (Mẫu 03)", "Detailed needs assessment (Form 03)"),
        ["work.support-plan"] = ("Lập kế hoạch hỗ trợ (Mẫu 04)", "Draft the support plan (Form 04)"),
        ["work.plan-approval"] = ("Chủ tịch xã phê duyệt kế hoạch (Mẫu 05)", "The Chair approves the plan (Form 05)"),
        ["work.medical-exam"] = ("Khám, giám định", "Examination"),
        ["work.interview"] = ("Buổi lấy lời khai thân thiện", "Child-friendly interview session"),
        ["work.school-reintegration"] = ("Trở lại trường học", "Return to school"),
    };
}
