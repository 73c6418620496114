using ChildProtection.Coordination.Auth;
using JasperFx;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// The I/O around every change to the directory: only administrators change it, any authenticated
/// caller reads it, each change is stamped with who made it and the request's correlation id (as case
/// steps are), and a lost race is a 409. As with <see cref="CaseSteps"/>, the endpoints are <c>[NonTransactional]</c> and
/// save once here, so the race is answered rather than surfacing from Wolverine's transaction middleware as a 500.
/// </summary>
public static class DirectoryWrites
{
    /// <summary>The actor recorded for changes made from the command line or by seeding at start.</summary>
    public static Actor System(string what) => new($"system:{what}", $"{what} ({Environment.UserName})", "system", Roles.Admin);

    /// <summary>The acting administrator, or the problem to answer instead.</summary>
    public static (Actor? Admin, IResult? Problem) Admin(HttpContext http)
    {
        if (Actor.From(http.User) is not { } actor)
            return (null, Problems.MissingClaims(http));
        return actor.Role == Roles.Admin
            ? (actor, null)
            : (null, Problems.Forbidden(http, $"Only the '{Roles.Admin}' role changes the directory; the role '{actor.Role}' may read it."));
    }

    /// <summary>Any authenticated caller with a complete token reads the directory.</summary>
    public static IResult? RefuseReader(HttpContext http) =>
        Actor.From(http.User) is null ? Problems.MissingClaims(http) : null;

    /// <summary>Saves, or answers 409 when another change won the race.</summary>
    public static async Task<IResult?> SaveAsync(IDocumentSession session, HttpContext http)
    {
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
            return null;
        }
        catch (Exception e) when (IsLostRace(e))
        {
            return Problems.Create(http, ProblemKinds.ConcurrentChange, "Concurrent change",
                "Another change to the directory was recorded at the same moment; read it again and retry.");
        }
    }

    public static bool IsLostRace(Exception e) => LostRace.Is(e) || LostRace.IsDuplicate(e);

    public static IResult Problem(HttpContext http, Common.Decision.Rejected rejected) => Problems.From(rejected, http);
}
