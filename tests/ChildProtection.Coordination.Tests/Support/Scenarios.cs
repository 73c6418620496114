using System.Net;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Ready-made commands and case histories for tests.</summary>
public static class Scenarios
{
    public static ReportCase HotlineReport(string childName = "Nguyễn Thị Mai", int ageYears = 9, HarmForm[]? harm = null, DateTimeOffset? occurredAt = null) => new(
        ReportChannel.Hotline111,
        new ChildDetails(childName, Sex.Female, "dong-hoi-ward", AgeYears: ageYears, School: "Trường Tiểu học Hải Đình"),
        new IncidentDetails("dong-hoi-ward", occurredAt ?? DateTimeOffset.UtcNow.AddHours(-3), harm ?? [HarmForm.Violence],
            "Neighbours heard the child being beaten", PerpetratorRelation.StepParent, ImmediateDanger: true),
        new Reporter("neighbour", ConsentsToIdentity: false, Name: "Trần Văn Bình", Phone: "0912345678"));

    /// <summary>Reports a case through the API as a hotline operator and returns its id.</summary>
    public static async Task<Guid> ReportAsync(this AppFixture app, ReportCase? report = null)
    {
        var response = await app.Client("hotline-operator", "hotline-111").PostJson("/api/cases", report ?? HotlineReport());
        await response.ShouldHave(HttpStatusCode.Created);
        return (await response.Read<StepAccepted>()).CaseId;
    }
}
