using ChildProtection.Coordination.Common;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;

namespace ChildProtection.Coordination.Operations;

/// <summary>
/// Marten's command log (category <c>Marten.IDocumentStore</c>), in place of Marten's default one, which logs a failed
/// batch at Error with the exception's stack trace once for every command in it — three <c>fail:</c> entries for one
/// lost race. A lost optimistic race on a case stream (PostgreSQL 23505 on the stream version, or Marten's
/// concurrency exceptions) is not an error: the step decides again and answers 200, the pathway tries the page again.
/// It is one Debug line without a stack trace. Any other failure is one Error entry with its exception and the
/// batch's SQL (without parameter values, which may hold case data).
/// </summary>
public sealed class MartenCommandLog(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten changed the database schema: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command)
    {
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("Marten executed: {Sql}", command.CommandText);
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("Marten executed: {Sql}", Sql(batch));
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failed(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failed(ex, Sql(batch));

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    // What PostgreSQL would refuse at Bind is refused before it is sent (Operations/BindGuard.cs).
    public void OnBeforeExecute(NpgsqlCommand command) => BindGuard.Check(command);

    public void OnBeforeExecute(NpgsqlBatch batch) => BindGuard.Check(batch);

    private static string Sql(NpgsqlBatch batch) => string.Join(";" + Environment.NewLine, batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));

    private void Failed(Exception ex, string sql)
    {
        if (ex is RefusedParameterException)
            logger.LogWarning("Marten command not sent: {Reason}", ex.Message);
        else if (IsLostRace(ex))
            logger.LogDebug("A concurrent append to the same event stream won the race ({Detail}); the writer decides again on the fresh stream", Describe(ex));
        else
            logger.LogError(ex, "Marten command failed: {Sql}", sql);
    }

    /// <summary>A lost optimistic race on an event stream's version (<see cref="LostRace.Is"/>): what the writers handle by deciding again.</summary>
    public static bool IsLostRace(Exception ex) => LostRace.Is(ex);

    private static string Describe(Exception ex) =>
        ex is PostgresException pg ? $"{pg.SqlState} on {pg.ConstraintName}" : ex.GetType().Name;
}
