using System.Net;
using System.Text.Json;
using ChildProtection.Coordination.Tests.Support;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Matching;
using Marten;
using Microsoft.Extensions.DependencyInjection;
namespace ChildProtection.Coordination.Tests.Cases.Matching;

/// <summary>Match keys for cases that have none (backfill-match-keys), computed as intake computes them; none for an erased case.</summary>
public sealed class MatchKeyBackfillTests(AppFixture app) : IntegrationContext(app)
{
    private CaseApi Api => new(App);

    private async Task<Guid> Report(string name)
    {
        var response = await App.Client(Roles.HotlineOperator, "hotline-111").PostJson("/api/cases", Bodies.Report(childName: name));
        return (await response.ShouldHave(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
    }

    private Task<MatchKeyBackfill.Outcome> Backfill()
    {
        var services = App.Host.Services;
        return MatchKeyBackfill.RunAsync(App.Store, services.GetRequiredService<MatchKeySecret>(), App.Keys, TimeProvider.System, 2, CancellationToken.None);
    }

    /// <summary>A case's index entries in the block table, in order.</summary>
    private static Task<IReadOnlyList<long>> Entries(IQuerySession session, Guid caseId) =>
        session.QueryAsync<long>($"select block from {MatchKeyStorage.BlockTableOf(session)} where case_id = ? order by block", caseId);

    /// <summary>The key as JSON, but for when it was computed.</summary>
    private static string Comparable(ChildMatchKey key)
    {
        key.ComputedAt = default;
        return JsonSerializer.Serialize(key);
    }

    [Fact]
    public async Task a_case_without_a_key_gets_the_key_intake_would_have_given_it_and_an_erased_case_gets_none()
    {
        var kept = await Report("Nguyễn Thị Mai");
        var lost = await Report("Trần Văn Nam");
        var erased = await Report("Lê Thị Hoa");
        var another = await Report("Phạm Minh Anh");
        ChildMatchKey atIntake;
        IReadOnlyList<long> entriesAtIntake;
        await using (var session = App.Store.LightweightSession())
        {
            atIntake = (await MatchKeyStorage.LoadAsync(session, lost, CancellationToken.None))!;
            entriesAtIntake = await Entries(session, lost);
            entriesAtIntake.ShouldNotBeEmpty();
            MatchKeyStorage.Delete(session, lost);
            MatchKeyStorage.Delete(session, another);
            await session.SaveChangesAsync();
        }
        await Api.Step(Roles.Admin, $"/api/cases/{erased}/erasure", Bodies.Erase());

        var outcome = await Backfill();

        outcome.ShouldBe(new MatchKeyBackfill.Outcome(Computed: 2, Seen: 4), "the erased case gets none; the one with a key is left as it is");
        await using (var session = App.Store.QuerySession())
        {
            Comparable((await MatchKeyStorage.LoadAsync(session, lost, CancellationToken.None))!).ShouldBe(Comparable(atIntake));
            // …and its index entries with it, or the lookup would never find it.
            (await Entries(session, lost)).ShouldBe(entriesAtIntake);
            (await MatchKeyStorage.LoadAsync(session, another, CancellationToken.None)).ShouldNotBeNull();
            (await MatchKeyStorage.LoadAsync(session, erased, CancellationToken.None)).ShouldBeNull();
            (await MatchKeyStorage.LoadAsync(session, kept, CancellationToken.None)).ShouldNotBeNull();
        }
        (await Backfill()).Computed.ShouldBe(0, "run again, it finds nothing to do");
    }

    [Fact]
    public async Task a_key_of_an_earlier_scheme_is_recomputed_and_the_scheme_1_documents_are_dropped()
    {
        var old = await Report("Nguyễn Thị Mai");
        await using (var session = App.Store.LightweightSession())
        {
            // As an earlier scheme left it: another key id on the key, and the JSON documents of scheme 1 beside it.
            session.QueueSqlCommand($"update {MatchKeyStorage.KeyTableOf(session)} set key_id = 'ab12cd34' where case_id = ?", old);
            session.QueueSqlCommand($"create table if not exists {App.Store.Options.DatabaseSchemaName}.{MatchKeyStorage.LegacyDocumentTable} (id uuid primary key, data jsonb)");
            await session.SaveChangesAsync();
        }

        (await Backfill()).Computed.ShouldBe(1);

        await using (var session = App.Store.QuerySession())
        {
            (await MatchKeyStorage.LoadAsync(session, old, CancellationToken.None))!.KeyId
                .ShouldBe(ChildMatchKey.KeyIdOf(App.Host.Services.GetRequiredService<MatchKeySecret>()));
            (await session.QueryAsync<bool>($"select to_regclass('{App.Store.Options.DatabaseSchemaName}.{MatchKeyStorage.LegacyDocumentTable}') is null")).Single()
                .ShouldBeTrue();
        }
    }

    [Fact]
    public void the_identity_is_the_reports_with_the_schools_a_return_to_school_named()
    {
        var reported = Given.Reported() with { Child = Given.Reported().Child with { School = "Trường Tiểu học Hải Đình" } };
        var identity = MatchKeyBackfill.Identity([reported,
            new SchoolReintegrationPlanned(Given.CaseId, Given.Now, "Trường THCS Đồng Hới", DateOnly.FromDateTime(Given.Now.Date), "with a mentor")])!;
        identity.Name.ShouldBe("Child");
        identity.Schools.ShouldBe(["Trường Tiểu học Hải Đình", "Trường THCS Đồng Hới"]);
        MatchKeyBackfill.Identity([new SchoolReintegrationPlanned(Given.CaseId, Given.Now, "x", DateOnly.MinValue, "y")]).ShouldBeNull();
    }
}
