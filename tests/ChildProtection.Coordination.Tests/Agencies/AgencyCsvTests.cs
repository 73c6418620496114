using ChildProtection.Coordination.Agencies;
using static ChildProtection.Coordination.Tests.Agencies.DirectoryGiven;

namespace ChildProtection.Coordination.Tests.Agencies;

public sealed class AgencyCsvTests
{
    public const string Header = "id,nameVi,nameEn,kind,province,commune,activeFrom,activeTo,supervisor";
    private static readonly Dictionary<string, Commune> Map = Communes(Established("w"));

    [Fact]
    public void rows_are_read_with_quotes_commas_blank_lines_and_a_bom()
    {
        var csv = "\uFEFF" + Header + "\r\n" +
                  "syt,Sở Y tế,\"Department of Health, \"\"Quang Tri\"\"\",ProvincialHealthDepartment,44,,2025-07-01,,\r\n" +
                  "\r\n" +
                  "ubnd-w,\"Ủy ban\nnhân dân\",,communepeoplescommittee, 44 ,w,2025-07-01,2030-01-01,syt\n";
        var (rows, errors) = AgencyCsv.Read(csv);

        errors.ShouldBeEmpty();
        rows.Select(r => r.Row).ShouldBe([2, 3]);
        rows[0].Agency!.NameEn.ShouldBe("Department of Health, \"Quang Tri\"");
        rows[0].Agency!.CommuneCode.ShouldBeNull();
        rows[1].Agency.ShouldBe(new RegisterAgency("ubnd-w", "Ủy ban\nnhân dân", AgencyKind.CommunePeoplesCommittee, Reform,
            null, "44", "w", new DateOnly(2030, 1, 1), "syt"));
    }

    [Fact]
    public void the_header_names_every_column_once_in_any_order()
    {
        AgencyCsv.Read("supervisor,activeTo,activeFrom,commune,province,kind,nameEn,nameVi,id\n,,2025-07-01,,44,Education,,Trường,t\n")
            .Rows.Single().Agency!.Id.ShouldBe("t");
        var errors = AgencyCsv.Read("id,nameVi,colour\n").Errors;
        errors.ShouldAllBe(e => e.Row == 1);
        errors.Select(e => e.Field).ShouldContain("colour");
        errors.Select(e => e.Field).ShouldContain("kind");
        AgencyCsv.Read("").Errors.Single().Field.ShouldBe("header");
        AgencyCsv.Read("id,id\n").Errors.Select(e => e.Field).ShouldContain("id");
    }

    [Fact]
    public void unparseable_fields_are_reported_by_row_and_column()
    {
        var csv = Header + "\n" +
                  "a,A,,Police,44,,2025-07-01,,\n" +
                  "b,B,,Education,44,,1/7/2025,,\n" +
                  "c,C,,Education,44,,2025-07-01,soon,\n" +
                  "d,D,,Education,44,,,,\n" +
                  "e,E,,Education,44\n" +
                  "f,F,,1,44,,2025-07-01,,\n" +
                  "g,G,,Education,44,,0001-01-01,,\n" +
                  "h,H,,Education,44,,2025-07-01,9999-12-31,\n";
        AgencyCsv.Read(csv).Errors.Select(e => (e.Row, e.Field)).ShouldBe(
            [(2, "kind"), (3, "activeFrom"), (4, "activeTo"), (5, "activeFrom"), (6, "row"), (7, "kind"), (8, "activeFrom"), (9, "activeTo")]);
        AgencyCsv.Read(Header + "\na,\"unclosed\n").Errors.Single().Field.ShouldBe("row");
    }

    [Fact]
    public void planning_reports_every_bad_row_and_plans_nothing()
    {
        var rows = AgencyCsv.Read(Header + "\n" +
                                  "syt,Sở Y tế,,ProvincialHealthDepartment,44,,2025-07-01,,\n" +
                                  "syt,Sở Y tế,,ProvincialHealthDepartment,44,,2025-07-01,,\n" +
                                  "ca-w,Công an,,CommunePolice,44,nowhere,2025-07-01,,ghost\n").Rows;
        var (result, changes) = AgencyImport.Plan(rows, new Dictionary<string, Agency>(), Map.GetValueOrDefault, ImportMode.Upsert);

        changes.ShouldBeEmpty();
        result.Errors.Select(e => (e.Row, e.Field)).ShouldBe([(3, "id"), (4, "commune"), (4, "supervisor")]);
    }

    [Fact]
    public void a_row_that_cannot_be_read_still_counts_for_duplicates_and_supervisors()
    {
        var (rows, errors) = AgencyCsv.Read(Header + "\n" +
                                            "syt,Sở Y tế,,Health,44,,2025-07-01,,\n" +
                                            "ubnd-w,UBND,,CommunePeoplesCommittee,44,w,2025-07-01,,syt\n" +
                                            "syt,Sở Y tế,,ProvincialHealthDepartment,44,,2025-07-01,,\n");
        errors.Select(e => (e.Row, e.Field)).ShouldBe([(2, "kind")]);
        rows[0].ShouldBe(new CsvAgencyRow(2, "syt", null));

        var (result, _) = AgencyImport.Plan(rows, new Dictionary<string, Agency>(), Map.GetValueOrDefault, ImportMode.Upsert);
        result.Errors.Select(e => (e.Row, e.Field)).ShouldBe([(4, "id")]);
    }

    [Fact]
    public void a_supervisor_may_be_a_row_of_the_same_file_and_existing_ids_are_updated_or_left()
    {
        var rows = AgencyCsv.Read(Header + "\n" +
                                  "ubnd-w,UBND,,CommunePeoplesCommittee,44,w,2025-07-01,,syt\n" +
                                  "syt,Sở Y tế mới,,ProvincialHealthDepartment,44,,2025-07-01,,\n" +
                                  "ca-tinh,Công an tỉnh,,ProvincialPolice,44,,2025-07-01,,\n").Rows;
        var existing = new Dictionary<string, Agency>
        {
            ["syt"] = Agency("syt", AgencyKind.ProvincialHealthDepartment),
            ["ca-tinh"] = AgencyProjection.Create(AgencyRules.Registered(rows[2].Agency!)),
        };

        var (upsert, changes) = AgencyImport.Plan(rows, existing, Map.GetValueOrDefault, ImportMode.Upsert);
        upsert.ShouldBe(new ImportResult(1, 1, 1, []), "created ubnd-w, updated syt, left ca-tinh");
        changes.Select(c => (c.AgencyId, c.IsNew, c.Event.GetType().Name)).ShouldBe(
            [("ubnd-w", true, nameof(AgencyRegistered)), ("syt", false, nameof(AgencyUpdated))]);

        var (seed, _) = AgencyImport.Plan(rows, existing, Map.GetValueOrDefault, ImportMode.CreateMissing);
        seed.ShouldBe(new ImportResult(1, 0, 2, []));
    }
}
