using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Integration;

/// <summary>The public contracts: one stable type per published event, and nothing in them that names a person.</summary>
public sealed class ContractTests
{
    private static readonly Type[] CaseEvents = typeof(CaseReported).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CaseReported).Namespace && t.Name != "Case" && t.IsSealed && t.GetProperty("CaseId") != null
                    && t.GetConstructors().Any(c => c.GetParameters().Length > 1) && !t.IsNested
                    // Hand-off events are case events too, checked by handoff_events_are_published_too below.
                    && !typeof(IHandoffEvent).IsAssignableFrom(t) && t != typeof(HandoffUnroutable))
        .ToArray();

    private static readonly Type[] Contracts = typeof(CaseContractsV1).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CaseContractsV1).Namespace && t.Name.EndsWith("V1")).ToArray();

    [Fact]
    public void every_case_step_event_is_published_under_its_own_versioned_contract()
    {
        CaseEvents.Length.ShouldBeGreaterThan(20);
        var published = CaseEvents.Select(t => (t.Name, Contract: CaseContractsV1.Map(Make(t)))).ToList();
        published.Where(p => p.Contract is null).Select(p => p.Name).ShouldBeEmpty();
        published.Select(p => p.Contract!.Value.Type).ShouldBeUnique();
        published.ShouldAllBe(p => p.Contract!.Value.Data.GetType().Name.EndsWith("V1"));
        published.Select(p => CaseContractsV1.Prefix + p.Contract!.Value.Type + ".v1").ShouldBeSubsetOf(CaseContractsV1.TypeNames);
    }

    /// <summary>An instance of an event record with plausible values in every member.</summary>
    private static object Make(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Make(inner);
        if (type == typeof(string)) return "x";
        if (type == typeof(Guid)) return Guid.NewGuid();
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.UtcNow;
        if (type == typeof(DateOnly)) return DateOnly.FromDateTime(DateTime.UtcNow);
        if (type == typeof(TimeSpan)) return TimeSpan.FromHours(1);
        if (type == typeof(int)) return 9;
        if (type.IsEnum || type.IsPrimitive) return Activator.CreateInstance(type)!;
        if (type.IsArray) return Array.CreateInstance(type.GetElementType()!, 0);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Make(p.ParameterType)).ToArray());
    }

    [Fact]
    public void no_contract_carries_a_name_a_birth_date_a_school_a_phone_or_free_text()
    {
        string[] forbidden = ["Name", "DateOfBirth", "School", "Phone", "Description", "Findings", "Summary", "Notes", "Reason", "Measures",
            "Placement", "Facility", "Location", "Interviewer", "Provider", "Goals", "Arrangements", "ReceiptNumber"];
        var members = Contracts.SelectMany(c => c.GetProperties().Select(p => $"{c.Name}.{p.Name}")).ToList();
        members.Count.ShouldBeGreaterThan(40);
        // Provider in PlannedServiceV1 is the kind of agency, not a person or a free-text provider. IdentityV1 is the one
        // block that names the child: the mapping never fills it (below); only a granted integrator with consent gets it.
        members.Where(m => forbidden.Any(f => m.EndsWith("." + f) || m.Contains("." + f + "V")))
            .Where(m => m != "PlannedServiceV1.Provider" && !m.StartsWith("IdentityV1.")).ShouldBeEmpty();
        typeof(PlannedServiceV1).GetProperty("Provider")!.PropertyType.ShouldBe(typeof(AgencyKind));
    }

    [Fact]
    public void the_mapping_never_fills_the_identity_block()
    {
        var reported = (CaseReported)Make(typeof(CaseReported));
        CaseContractsV1.Map(reported)!.Value.Data.ShouldBeOfType<CaseReportedV1>().Identity.ShouldBeNull();
    }

    [Fact]
    public void handoff_events_are_published_too()
    {
        CaseContractsV1.Map(new HandoffRequested(Guid.NewGuid(), Guid.NewGuid(), "a", "b", AgencyKind.CommunePolice, HandoffTask.CrimeReport,
            "Record the report about the child", "basis", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(24)))!.Value.Type.ShouldBe("handoff.requested");
        CaseContractsV1.TypeNames.Count(t => t.StartsWith(CaseContractsV1.Prefix + "handoff.")).ShouldBe(7);
    }

    [Fact]
    public void a_special_circumstance_that_tells_of_the_childs_health_is_never_published()
    {
        var caseId = Guid.NewGuid();
        SpecialCircumstanceGroups.HealthData.ShouldBe([SpecialCircumstanceGroup.Disabled, SpecialCircumstanceGroup.LivingWithHiv,
            SpecialCircumstanceGroup.DrugUse, SpecialCircumstanceGroup.SeriousIllnessInPoorHousehold], ignoreOrder: true);
        // As stored: sealed, the group reading SealedHealthGroup. Not published either, not even as that.
        CaseContractsV1.Map(new SpecialCircumstanceEstablished(caseId, SpecialCircumstanceGroup.SealedHealthGroup, new DateOnly(2026, 1, 5),
            DateTimeOffset.UtcNow, null, "enc:v1:x")).ShouldBeNull();
        CaseContractsV1.Map(new SpecialCircumstanceEnded(caseId, SpecialCircumstanceGroup.SealedHealthGroup, new DateOnly(2026, 6, 5),
            DateTimeOffset.UtcNow, "reason", "enc:v1:x")).ShouldBeNull();
        foreach (var group in Enum.GetValues<SpecialCircumstanceGroup>())
        {
            var established = CaseContractsV1.Map(new SpecialCircumstanceEstablished(caseId, group, new DateOnly(2026, 1, 5), DateTimeOffset.UtcNow, "basis"));
            var ended = CaseContractsV1.Map(new SpecialCircumstanceEnded(caseId, group, new DateOnly(2026, 6, 5), DateTimeOffset.UtcNow, "reason"));
            if (SpecialCircumstanceGroups.IsHealthData(group))
            {
                established.ShouldBeNull($"{group} is health data");
                ended.ShouldBeNull($"{group} is health data");
            }
            else
            {
                established!.Value.Data.ShouldBeOfType<SpecialCircumstanceEstablishedV1>().Group.ShouldBe(group);
                ended!.Value.Data.ShouldBeOfType<SpecialCircumstanceEndedV1>().Group.ShouldBe(group);
            }
        }
    }
}
