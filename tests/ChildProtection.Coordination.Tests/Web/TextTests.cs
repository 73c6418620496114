using System.Globalization;
using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Web;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>Every value the pages show has its words in both languages, and time left counts working days where the law does.</summary>
public sealed class TextTests
{
    private static IEnumerable<string> Keys() =>
        new[] { typeof(CaseStatus), typeof(CaseStage), typeof(ReportChannel), typeof(HarmForm), typeof(Sex), typeof(RiskLevel),
                typeof(PerpetratorRelation), typeof(ServiceKind), typeof(AgencyKind), typeof(PlanStatus), typeof(HandoffState), typeof(HandoffTask),
                typeof(ExamKind), typeof(ProceedingsDecision), typeof(ReviewRecommendation), typeof(ChildProtection.Coordination.Cases.Identity.ConsentGiver),
                typeof(ChildProtection.Coordination.Cases.Identity.ConsentPurpose), typeof(ChildProtection.Coordination.Cases.Identity.RecipientKind) }
            .SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}"))
            .Concat(Enum.GetNames<HandoffTask>().Select(n => $"basis.{n}"))
            .Concat(Roles.All.Select(r => $"role.{r}"))
            .Concat(LegalClocks.All.Select(c => $"clock.{c.Id}"))
            .Concat(typeof(CaseReported).Assembly.GetTypes()
                .Where(t => t.Namespace == typeof(CaseReported).Namespace && t.IsClass && t.GetInterfaces().Length > 0 && t.Name.EndsWith("ed", StringComparison.Ordinal) && t.IsSealed)
                .Select(t => $"event.{t.Name}"))
            .Concat(StepFormKeys());

    /// <summary>Every step form's title, its inputs' labels and the words of their choices (the commune picker names communes).</summary>
    private static IEnumerable<string> StepFormKeys() =>
        CaseStepForms.All.SelectMany(f => f.Inputs.SelectMany(i => (i.Words is null or "commune" ? [] : (i.Choices ?? []).Select(c => $"{i.Words}.{c}")).Append(i.Label))
            .Append($"step.{f.Name}"));

    [Theory]
    [InlineData("vi-VN")]
    [InlineData("en-GB")]
    public void every_value_shown_has_words_in_each_language(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Keys().Where(k => Text.T(k) == k).ShouldBeEmpty();
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void time_left_counts_working_days_for_the_plan_and_hours_for_the_twelve_hour_clocks()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            // Friday 4 December 2026, 09:00 in Vietnam; due the Tuesday after: Monday and Tuesday are working days, the weekend is not.
            var now = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(7));
            var due = new DateTimeOffset(2026, 12, 8, 17, 0, 0, TimeSpan.FromHours(7));
            Text.TimeLeft(due, now, workingDays: true).ShouldBe("còn 2 ngày làm việc");
            Text.TimeLeft(now.AddHours(11).AddMinutes(30), now, workingDays: false).ShouldBe("còn 11 giờ 30 phút");
            Text.TimeLeft(now.AddHours(-3), now, workingDays: false).ShouldBe("quá hạn 3 giờ 0 phút");
            Text.When(new DateTimeOffset(2026, 12, 4, 2, 5, 0, TimeSpan.Zero)).ShouldBe("04/12/2026 09:05");
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
