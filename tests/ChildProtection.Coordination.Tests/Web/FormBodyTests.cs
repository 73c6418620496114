using System.Text.Json;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// How a posted form is read into the API's body (pure): a date or moment outside what the service accepts is refused
/// naming its input (never an exception: a moment before 0001-01-01T07:00 has no instant at +07:00), and a choice is read
/// as the API's JSON reader reads it.
/// </summary>
public sealed class FormBodyTests
{
    private static (string? Field, string? Detail) Read(string form, params (string Name, string Value)[] values)
    {
        var posted = new FormCollection(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));
        var (body, field, detail) = FormBody.Read(CaseStepForms.Find(form)!, posted);
        (body is null).ShouldBe(field is not null);
        return (field, detail);
    }

    [Theory]
    [InlineData("0001-01-01T00:00")]
    [InlineData("0001-01-01T06:59:59")]
    [InlineData("0001-01-01T07:00")]
    [InlineData("1899-12-31T23:59")]
    [InlineData("2201-01-01T00:00")]
    [InlineData("9999-12-31T23:59")]
    public void a_moment_outside_the_accepted_dates_is_refused_naming_its_input(string moment)
    {
        var (field, detail) = Read("RequestHandoff", ("toAgency", "ca-dong-hoi"), ("task", "FollowUp"), ("description", "d"), ("dueAt", moment));
        field.ShouldBe("dueAt");
        detail.ShouldBe(LegalTime.AcceptedDates.Rule("dueAt"));
        Read("ExtendSeparation", ("newEndsAt", moment), ("reason", "r")).Field.ShouldBe("newEndsAt");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2201-01-01")]
    [InlineData("9999-12-31")]
    public void a_day_outside_the_accepted_dates_is_refused_naming_its_input(string day)
    {
        var (field, detail) = Read("EndSpecialCircumstance", ("endedOn", day), ("reason", "r"));
        field.ShouldBe("endedOn");
        detail.ShouldBe(LegalTime.AcceptedDates.Rule("endedOn"));
    }

    [Fact]
    public void the_edges_of_the_accepted_dates_are_read()
    {
        // The earliest moment is 1900-01-01T07:00 in Vietnam: the first of the accepted dates in UTC too, as the API holds it.
        Read("RequestHandoff", ("toAgency", "a"), ("task", "FollowUp"), ("description", "d"), ("dueAt", "1900-01-01T07:00")).Field.ShouldBeNull();
        Read("RequestHandoff", ("toAgency", "a"), ("task", "FollowUp"), ("description", "d"), ("dueAt", "2200-12-31T23:59:59")).Field.ShouldBeNull();
        Read("EndSpecialCircumstance", ("endedOn", "1900-01-01"), ("reason", "r")).Field.ShouldBeNull();
        Read("EndSpecialCircumstance", ("endedOn", "2200-12-31"), ("reason", "r")).Field.ShouldBeNull();
        FormBody.Moment("at", "2026-12-31T14:30").Moment.ShouldBe(new DateTimeOffset(2026, 12, 31, 14, 30, 0, TimeSpan.FromHours(7)));
        FormBody.Moment("at", "31/12/2026 14:30").Detail.ShouldBe("'at' is a date and time, e.g. 2026-12-31T14:30.");
        // The page refuses what the API refuses: 1900-01-01T06:59 in Vietnam is still 1899 in UTC.
        FormBody.Moment("at", "1900-01-01T06:59").Detail.ShouldBe(Coordination.LegalTime.AcceptedDates.Rule("at"));
        FormBody.Moment("at", "1900-01-01T07:00").Moment.ShouldNotBeNull();
    }

    [Fact]
    public void a_choice_is_one_name_as_the_api_reads_it_in_any_case_never_a_number_or_a_list()
    {
        FormBody.Named<HarmForm>("Violence").ShouldBe(HarmForm.Violence);
        FormBody.Named<HarmForm>("violence").ShouldBe(HarmForm.Violence);
        FormBody.Named<HarmForm>("Bogus").ShouldBeNull();
        FormBody.Named<HarmForm>("1").ShouldBeNull();
        FormBody.Named<HarmForm>("Violence, Neglect").ShouldBeNull();
        FormBody.Named<HarmForm>("").ShouldBeNull();
        FormBody.Named<HarmForm>(null).ShouldBeNull();
    }

    [Fact]
    public void an_unknown_value_in_a_multi_select_is_refused_naming_the_input_it_came_from()
    {
        var posted = new FormCollection(new Dictionary<string, StringValues>
        {
            ["givenBy"] = "Parent", ["purpose"] = "SupportServices", ["recipientKinds"] = new StringValues(["Bogus"]),
        });
        var form = CaseStepForms.Find("GiveConsent")!;
        var (body, _, _) = FormBody.Read(form, posted);
        var refused = Should.Throw<JsonException>(() => body!.Deserialize<Coordination.Privacy.GiveConsent>(CaseJson.Options));
        FormBody.FieldOf(refused).ShouldBe("recipientKinds");
        form.Inputs.ShouldContain(i => i.Name == "recipientKinds");
    }
}
