using ChildProtection.Coordination.Tests.Support;
using System.Text.Json;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Common;
using CaseModel = ChildProtection.Coordination.Cases.Case;
using static ChildProtection.Coordination.Tests.Cases.Reporting.ReportingDecisionTests;

namespace ChildProtection.Coordination.Tests.Cases.Reporting;

/// <summary>Forms of harm only from the Law on Children's list (Art. 4); the enum is the list, the JSON rules guard it.</summary>
public sealed class HarmFormDecisionTests
{
    [Fact]
    public void the_harm_forms_are_the_seven_of_the_law_and_abduction()
    {
        // bạo lực, bóc lột, xâm hại tình dục, mua bán, bỏ rơi, bỏ mặc, other; and bắt cóc (abduction, Law on Children
        // Art. 6), which the pathway needs as a sign of a crime for the police (issue 14).
        Enum.GetNames<HarmForm>().ShouldBe(
            ["Violence", "Exploitation", "SexualAbuse", "Trafficking", "Abandonment", "Neglect", "Other", "Abduction"], ignoreOrder: true);
    }

    public static TheoryData<HarmForm> EveryHarmForm => new(Enum.GetValues<HarmForm>());

    [Theory, MemberData(nameof(EveryHarmForm))]
    public void every_form_of_harm_in_the_law_is_accepted(HarmForm harm)
    {
        Decide(Report(incident: Incident([harm]))).ShouldAcceptOne<CaseReported>().Incident.HarmForms.ShouldBe([harm]);
    }

    [Fact]
    public void a_report_naming_no_form_of_harm_is_invalid()
    {
        Decide(Report(incident: Incident([]))).ShouldReject(400, "incident.harmForms");
    }

    [Fact]
    public void repeated_forms_of_harm_are_collapsed_in_their_order()
    {
        var harm = new[] { HarmForm.SexualAbuse, HarmForm.Violence, HarmForm.SexualAbuse, HarmForm.Violence };

        Decide(Report(incident: Incident(harm))).ShouldAcceptOne<CaseReported>()
            .Incident.HarmForms.ShouldBe([HarmForm.SexualAbuse, HarmForm.Violence]);
    }

    [Fact]
    public void the_write_model_keeps_the_reported_forms_of_harm()
    {
        var reported = Decide(Report(incident: Incident([HarmForm.Neglect, HarmForm.Abandonment]))).ShouldAcceptOne<CaseReported>();

        CaseModel.Create(reported).HarmForms.ShouldBe([HarmForm.Neglect, HarmForm.Abandonment]);
    }

    private static string Json(string harmForms) => $$"""
        {
          "channel": "Hotline111",
          "child": { "name": "Mai", "sex": "Female", "communeOfResidence": "ward-1", "ageYears": 9 },
          "incident": { "commune": "ward-1", "occurredAt": "2026-11-25T08:00:00+07:00", "harmForms": {{harmForms}}, "description": "beaten" }
        }
        """;

    [Fact]
    public void a_form_of_harm_named_in_json_is_read()
    {
        var command = JsonSerializer.Deserialize<ReportCase>(Json("""["SexualAbuse", "Neglect"]"""), CaseJson.Options)!;

        command.Incident.HarmForms.ShouldBe([HarmForm.SexualAbuse, HarmForm.Neglect]);
    }

    [Theory]
    [InlineData("""["Bullying"]""")]
    [InlineData("""["Violence", "CyberAbuse"]""")]
    [InlineData("""[""]""")]
    public void a_form_of_harm_not_in_the_law_is_refused_when_read(string harmForms)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ReportCase>(Json(harmForms), CaseJson.Options));
    }

    [Theory]
    [InlineData("[0]")]
    [InlineData("[3]")]
    [InlineData("[42]")]
    public void a_form_of_harm_given_as_a_number_is_refused_when_read(string harmForms)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ReportCase>(Json(harmForms), CaseJson.Options));
    }

    [Theory]
    [InlineData("""["3"]""")]
    [InlineData("""["42"]""")]
    public void a_form_of_harm_given_as_a_number_in_a_string_is_refused_when_read(string harmForms)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ReportCase>(Json(harmForms), CaseJson.Options));
    }

    [Theory]
    [InlineData("""["Exploitation, SexualAbuse"]""")]
    [InlineData("""["Neglect,Other"]""")]
    public void two_forms_of_harm_in_one_string_are_refused_when_read(string harmForms)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<ReportCase>(Json(harmForms), CaseJson.Options));
    }

    [Fact]
    public void a_form_of_harm_outside_the_enum_is_refused_by_the_decision()
    {
        Decide(Report(incident: Incident([(HarmForm)42]))).ShouldReject(400, "incident.harmForms");
    }
}
