using Wolverine.Attributes;
using ChildProtection.Coordination.Auth;
using System.Text;
using Marten;
using Wolverine.Http;
using ChildProtection.Coordination.Common;
namespace ChildProtection.Coordination.Agencies;

/// <summary>The answer to an import: how many agencies were registered, updated and left as they were.</summary>
public sealed record ImportCounts(int Created, int Updated, int Unchanged);

public static class ImportAgenciesEndpoint
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Registers or updates agencies from a <c>text/csv</c> body with the header
    /// <c>id,nameVi,nameEn,kind,province,commune,activeFrom,activeTo,supervisor</c>. All or nothing: any bad row is
    /// a 400 whose <c>rows</c> list every bad row, field and reason, and nothing is saved.
    /// </summary>
    [WolverinePost("/api/agencies/import", OperationId = "ImportAgencies")]
    [NonTransactional]
    [DirectoryResponses(typeof(ImportCounts), Write = true, Accepts = "text/csv")]
    public static async Task<IResult> Post(IDocumentSession session, HttpContext http)
    {
        var (admin, refused) = DirectoryWrites.Admin(http);
        if (refused is not null) return refused;
        if (http.Request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return Problems.Create(http, ProblemKinds.UnsupportedMediaType, "Unsupported media type", "Send the agencies as 'Content-Type: text/csv'.");
        if (http.Request.ContentLength > MaxBytes) return TooLarge(http);

        var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBytes) return TooLarge(http);
        var csv = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

        EventHeaders.Stamp(session, http, admin!);
        var result = await AgencyImport.PrepareAsync(session, csv, ImportMode.Upsert, http.RequestAborted);
        if (!result.Ok)
        {
            var rows = result.Errors.Select(e => new { row = e.Row, field = e.Field, message = e.Message }).ToList();
            var errors = result.Errors.GroupBy(e => $"rows[{e.Row}].{e.Field}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Problems.Create(http, ProblemKinds.InvalidInput, "Invalid input",
                $"{result.Errors.Select(e => e.Row).Distinct().Count()} row(s) are invalid; nothing was imported.",
                extra: new Dictionary<string, object?> { ["rows"] = rows, ["errors"] = errors });
        }
        return await DirectoryWrites.SaveAsync(session, http) ?? Results.Ok(new ImportCounts(result.Created, result.Updated, result.Unchanged));
    }

    private static IResult TooLarge(HttpContext http) =>
        Problems.Create(http, ProblemKinds.ContentTooLarge, "Content too large", $"An import is at most {MaxBytes / (1024 * 1024)} MB; split the file.");
}
