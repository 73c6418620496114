using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Privacy;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Cases.Transfer;
using ChildProtection.Coordination.Cases.SpecialCircumstances;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Valid request bodies for every step, dated relative to now.</summary>
public static class Bodies
{
    public static DateOnly Today => VietnamTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>A hotline report received a day ago, so later steps may be dated in the past hours.</summary>
    public static ReportCase Report(string commune = "dong-hoi-ward", string? childCommune = null, int ageYears = 9,
        HarmForm[]? harm = null, DateTimeOffset? receivedAt = null, string childName = "Nguyễn Thị Mai")
    {
        var received = receivedAt ?? DateTimeOffset.UtcNow.AddDays(-1);
        return new ReportCase(
            ReportChannel.Hotline111,
            new ChildDetails(childName, Sex.Female, childCommune ?? commune, AgeYears: ageYears, School: "Trường Tiểu học Hải Đình"),
            new IncidentDetails(commune, received.AddHours(-3), harm ?? [HarmForm.Violence],
                "Neighbours heard the child being beaten", PerpetratorRelation.StepParent, ImmediateDanger: true),
            new Reporter("neighbour"),
            received);
    }

    public static RecordCrimeReport CrimeReport() => new("CA-DH-2026-0113", true);
    public static VerifyReport Verify() => new(true, "The school and two neighbours confirmed repeated beatings.");
    public static AssessInitialRisk Risk(bool emergency = false) =>
        new(RiskLevel.High, RiskLevel.High, RiskLevel.Medium, RiskLevel.High, emergency, "The step-father lives in the home.");
    public static OrderEmergencyProtection Order(bool separation = true) => separation
        ? new("Placed with the grandmother", true, "Grandmother's home, same commune", DateTimeOffset.UtcNow.AddDays(10))
        : new("Daily visits by the commune officer", false);
    public static ExtendSeparation Extend() => new(DateTimeOffset.UtcNow.AddDays(20), "The investigation is still open.");
    public static EndEmergencyProtection EndOrder() => new("The step-father has moved out.");
    public static AssessNeeds Needs() => new(["medical care", "counselling"], "Bruising; withdrawn at school.");
    public static DraftPlan Plan() => new("Keep the child safe at home and back at school",
        [new PlanService(ServiceKind.MedicalCare, AgencyKind.HealthFacility, "Check-up and treatment", Today.AddDays(14))]);
    public static ApprovePlan Approve(Guid planId) => new(planId, "Approved in the commune meeting");
    public static RequestMedicalExam RequestExam() => new(ExamKind.Forensic, "Bruises on the arms and back");
    public static RecordMedicalExam RecordExam(bool guardianPresent = true) => new("Đồng Hới hospital", guardianPresent, true, "Healing bruises");
    public static ScheduleInterview Interview(DateTimeOffset? scheduledFor = null) =>
        new(scheduledFor ?? DateTimeOffset.UtcNow.AddDays(1), "Child-friendly room, commune police", "Officer Lan", true);
    public static ConductInterview Conduct(DateTimeOffset? startedAt = null, TimeSpan? duration = null) =>
        new(startedAt ?? DateTimeOffset.UtcNow.AddHours(-3), duration ?? TimeSpan.FromHours(1), true, true, "The child was calm.");
    public static ProvidePsychosocialSupport Psychosocial() => new(ServiceKind.Counselling, "Quảng Trị social work centre", "Weekly counselling");
    public static ProvideLegalAid LegalAid() => new("Provincial legal aid centre", "Explained the child's rights as a victim");
    public static PlanSchoolReintegration SchoolPlan() => new("Trường Tiểu học Hải Đình", Today.AddDays(7), "New class; identity protected");
    public static CompleteSchoolReintegration SchoolComplete() => new("Trường Tiểu học Hải Đình", "Attending daily");
    public static readonly RiskRating LowRisk = new(RiskLevel.Low, RiskLevel.Low, RiskLevel.Low, RiskLevel.Low);

    public static ReviewCase Review(ReviewRecommendation recommendation = ReviewRecommendation.Close) => new(recommendation, "The child is safe and stable.", Risk: LowRisk);
    public static CloseCase Close() => new("The child is safe and stable at home.");
    public static ReopenCase Reopen() => new("A new report of violence.");
    public static GiveConsent Consent(ConsentGiver givenBy = ConsentGiver.Parent, params RecipientKind[] to) =>
        new(givenBy, ConsentPurpose.CaseCoordination, to.Length == 0 ? [RecipientKind.Integrator] : to);
    public static WithdrawConsent Withdraw() => new(ConsentGiver.Parent);
    public static EraseIdentity Erase() => new("The retention period ended (request of the child's guardian).");

    public static TransferCase Transfer(string toCommune = "le-chan-ward") => new(toCommune, "The child moved with the mother to Hải Phòng.");
    public static EstablishSpecialCircumstance SpecialCircumstance(SpecialCircumstanceGroup group = SpecialCircumstanceGroup.Disabled) =>
        new(group, Today.AddYears(-1), "Disability certificate of the commune");
    public static EndSpecialCircumstance EndSpecialCircumstance(SpecialCircumstanceGroup group = SpecialCircumstanceGroup.Disabled) =>
        new(group, Today, "Reassessed by the commune");

    public static string Json(object body) => JsonSerializer.Serialize(body, CaseJson.Options);
}
