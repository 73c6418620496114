using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Support.History;
namespace ChildProtection.Coordination.Tests.Cases.Verification;

/// <summary>Verification of a report (ND56 Art. 26).</summary>
public sealed class VerificationDecisionTests
{
    [Fact]
    public void verifying_a_report_records_whether_it_is_substantiated()
    {
        var verified = VerifyReportEndpoint.Decide(Given.Case(Reported()), new VerifyReport(false, "no sign of harm"), Officer())
            .ShouldAcceptOne<ReportVerified>();

        verified.ShouldBe(new ReportVerified(Given.CaseId, Given.Now, false, "no sign of harm"));
    }

    [Fact]
    public void the_verifying_officer_may_mark_the_report_as_a_suspected_crime()
    {
        VerifyReportEndpoint.Decide(Given.Case(Reported()), new VerifyReport(true, "burns on the arms", SuspectedCrime: true), Officer())
            .ShouldAcceptOne<ReportVerified>().SuspectedCrime.ShouldBeTrue();
    }

    [Fact]
    public void verifying_without_findings_is_invalid()
    {
        VerifyReportEndpoint.Decide(Given.Case(Reported()), new VerifyReport(true, ""), Officer()).ShouldReject(400, "findings");
    }
}
