using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Identity;
namespace ChildProtection.Coordination.Tests.Privacy;

public sealed class IdentityVaultTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void a_sealed_value_is_enc_v1_base64_with_a_fresh_nonce_each_time_and_opens_back_with_the_cases_key()
    {
        var key = CaseKey.New(Guid.NewGuid(), Now);

        var first = IdentityVault.Seal("Nguyễn Thị Mai", key);
        var second = IdentityVault.Seal("Nguyễn Thị Mai", key);

        first.ShouldStartWith("enc:v1:");
        Convert.FromBase64String(first["enc:v1:".Length..]).Length.ShouldBe(12 + "Nguyễn Thị Mai"u8.Length + 16);
        first.ShouldNotBe(second);
        IdentityVault.Open(first, key).ShouldBe("Nguyễn Thị Mai");
        IdentityVault.Open(second, key).ShouldBe("Nguyễn Thị Mai");
    }

    [Fact]
    public void without_the_key_a_sealed_value_reads_erased_and_a_value_never_sealed_reads_as_it_is()
    {
        var key = CaseKey.New(Guid.NewGuid(), Now);
        IdentityVault.Open(IdentityVault.Seal("0912345678", key), null).ShouldBe("[erased]");
        IdentityVault.Open("Mai", null).ShouldBe("Mai");
    }

    [Fact]
    public void a_value_does_not_open_with_another_cases_key_nor_when_moved_to_another_case_nor_when_altered()
    {
        var key = CaseKey.New(Guid.NewGuid(), Now);
        var sealedName = IdentityVault.Seal("Mai", key);

        IdentityVault.Open(sealedName, CaseKey.New(Guid.NewGuid(), Now)).ShouldBe("[unreadable]");
        // The same key bytes under another case id: the case id is bound in as associated data.
        IdentityVault.Open(sealedName, new CaseKey { Id = Guid.NewGuid(), Key = key.Key }).ShouldBe("[unreadable]");
        var bytes = Convert.FromBase64String(sealedName["enc:v1:".Length..]);
        bytes[13] ^= 1;
        IdentityVault.Open("enc:v1:" + Convert.ToBase64String(bytes), key).ShouldBe("[unreadable]");
        IdentityVault.Open("enc:v1:not base64!", key).ShouldBe("[unreadable]");
    }

    [Fact]
    public void the_childs_name_birth_date_and_school_and_the_reporters_name_and_phone_are_the_identifying_fields_of_a_report()
    {
        var reported = Given.Reported(dateOfBirth: new DateOnly(2016, 5, 1)) with
        {
            Reporter = new Reporter("aunt", true, "Lê Văn Tám", "0987654321"),
        };
        reported = reported with { Child = reported.Child with { School = "Trường Tiểu học Hải Đình" } };
        var key = CaseKey.New(reported.CaseId, Now);

        var sealedReport = (CaseReported)IdentityFields.Seal(reported, v => IdentityVault.Seal(v, key));

        new[] { sealedReport.Child.Name, sealedReport.Child.School, sealedReport.Reporter.Name, sealedReport.Reporter.Phone, sealedReport.SealedChildDateOfBirth }
            .ShouldAllBe(v => v!.StartsWith("enc:v1:"));
        // The date itself is gone from the child; the age at the report (Given: reported 2026-11-24) stays for the statistics.
        sealedReport.Child.DateOfBirth.ShouldBeNull();
        sealedReport.Child.AgeYears.ShouldBe(10);
        // What happened is free text that may name the child: sealed too; the facts the pathway reads stay in clear.
        sealedReport.Incident.Description.ShouldStartWith("enc:v1:");
        sealedReport.Incident.ShouldBe(reported.Incident with { Description = sealedReport.Incident.Description });

        var opened = (CaseReported)IdentityFields.Reveal(sealedReport, v => IdentityVault.Open(v, key));
        opened.ShouldBe(reported with { Child = reported.Child with { AgeYears = 10 } });
        var erased = (CaseReported)IdentityFields.Reveal(sealedReport, v => IdentityVault.Open(v, null));
        (erased.Child.Name, erased.Child.DateOfBirth, erased.Child.AgeYears, erased.Reporter.Phone).ShouldBe(("[erased]", (DateOnly?)null, (int?)10, "[erased]"));
        erased.Incident.Description.ShouldBe("[erased]");
    }

    [Fact]
    public void a_text_quoting_sealed_values_has_each_opened_and_without_the_key_each_reads_erased()
    {
        var key = CaseKey.New(Guid.NewGuid(), Now);
        var quoted = $"Sent on after ctxh declined: {IdentityVault.Seal("Mai is at her aunt's", key)} (and {IdentityVault.Seal("0912345678", key)})";

        IdentityVault.Open(quoted, key).ShouldBe("Sent on after ctxh declined: Mai is at her aunt's (and 0912345678)");
        IdentityVault.Open(quoted, null).ShouldBe("Sent on after ctxh declined: [erased] (and [erased])");
    }

    [Fact]
    public void every_free_text_and_health_member_of_the_steps_is_sealed_and_opens_back()
    {
        var key = CaseKey.New(Guid.NewGuid(), Now);
        var examined = new MedicalExamCompleted(Guid.NewGuid(), Guid.NewGuid(), Now, "Đồng Hới hospital", true, true, "Bruises on Mai's back");
        var meeting = new PlanningMeetingHeld(Guid.NewGuid(), Guid.NewGuid(), Now, [new MeetingParticipant("mother")], "Mai wants to stay", "agree", Notes: "n");
        var interview = new InterviewConducted(Guid.NewGuid(), Guid.NewGuid(), Now, TimeSpan.FromHours(1), false, true, "calm",
            new ChildRepresentative("Aunt Lan", "the father is the suspect"));

        foreach (var e in new object[] { examined, meeting, interview })
        {
            IdentityFields.Carries(e).ShouldBeTrue(e.GetType().Name);
            var sealedEvent = IdentityFields.Seal(e, v => IdentityVault.Seal(v, key));
            System.Text.Json.JsonSerializer.Serialize(sealedEvent, sealedEvent.GetType()).ShouldNotContain("Mai");
            IdentityFields.Reveal(sealedEvent, v => IdentityVault.Open(v, key)).ShouldBeEquivalentTo(e);
        }
        // Codes, times and counts stay in clear: nothing to seal in a crime report's receipt.
        IdentityFields.Carries(new CrimeReportRecorded(Guid.NewGuid(), Now, "CA-1", true)).ShouldBeFalse();
    }

    [Fact]
    public void a_reporter_without_consent_has_nothing_to_seal()
    {
        var reported = Given.Reported();
        var sealedReport = (CaseReported)IdentityFields.Seal(reported, v => "sealed");
        sealedReport.Reporter.Name.ShouldBeNull();
        sealedReport.Reporter.Phone.ShouldBeNull();
    }
}
