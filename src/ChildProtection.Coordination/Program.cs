using ChildProtection.Coordination.Agencies;
using ChildProtection.Coordination.Audit;
using ChildProtection.Coordination.Audit.Integrity;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.GetCase;
using ChildProtection.Coordination.Cases.Matching;
using ChildProtection.Coordination.Handoffs;
using ChildProtection.Coordination.Handoffs.Inbox;
using ChildProtection.Coordination.Indicators;
using ChildProtection.Coordination.Integration;
using ChildProtection.Coordination.Integration.Webhooks;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Operations;
using ChildProtection.Coordination.Web;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.OpenApi;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
var builder = WebApplication.CreateBuilder(args);
// Kestrel names itself on every answer (its own bare 400s and 414s included): nothing a client needs, something a scanner uses.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddOptions<CaseRulesOptions>().BindConfiguration(CaseRulesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ClientErrors.Customize);
// A client's unreadable body is one Warning line (Common/ClientErrors.cs, docs/logging.md), not Wolverine's Error with a stack.
foreach (var category in ClientErrors.WolverineBodyCategories()) builder.Logging.AddFilter(category, LogLevel.None);
// PostgreSQL away answers 503 + Retry-After, not 500 (Operations/DatabaseOutage.cs).
builder.Services.AddExceptionHandler<DatabaseOutage>();
// Input that would reach PostgreSQL with a NUL answers 400, not 500 (Operations/BindGuard.cs).
builder.Services.AddExceptionHandler<RefusedParameter>();
builder.Services.AddCaseAuthentication(builder.Configuration);
// The pages (Web/): a cookie session (OpenID Connect in production, the demo people locally), Razor Pages, Vietnamese first.
builder.Services.AddCasePages(builder.Configuration);
builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(o => CaseJson.Configure(o.SerializerOptions));
builder.Services.AddSingleton<IndicatorCache>();
builder.Services.AddOptions<IndicatorOptions>().BindConfiguration(IndicatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section);
builder.Services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<LegalCalendarOptions>().BindConfiguration(LegalCalendarOptions.Section).ValidateDataAnnotations().ValidateOnStart();
// Holidays, nghỉ bù and the operator's yearly amendments: the one calendar every working-day clock counts by.
WorkingDays.Calendar = new LegalCalendar(builder.Configuration.GetSection(LegalCalendarOptions.Section).Get<LegalCalendarOptions>() ?? new LegalCalendarOptions());
builder.Services.AddSingleton(WorkingDays.Calendar);
// Every version of the pathway's rules: a case is decided under the one its report recorded (CaseRules:PathwayVersion for new ones).
var pathways = PathwayCatalogue.Load(builder.Configuration["Pathway:DefinitionFile"]);
var newCasesVersion = builder.Configuration.GetValue($"{CaseRulesOptions.Section}:{nameof(CaseRulesOptions.PathwayVersion)}", new CaseRulesOptions().PathwayVersion);
if (!pathways.Has(newCasesVersion))
    throw new InvalidOperationException($"CaseRules:PathwayVersion is {newCasesVersion}, but the pathway definitions loaded are versions {string.Join(", ", pathways.Versions)}.");
builder.Services.AddSingleton(pathways);
builder.Services.AddScoped<IAgencyRouting, DirectoryRouting>();
// The service's match key (HMAC) for duplicate detection, read from a file outside the database (docs/matching.md).
builder.Services.AddOptions<MatchingOptions>().BindConfiguration(MatchingOptions.Section);
builder.Services.AddSingleton(s => MatchKeySecret.Load(s.GetRequiredService<Microsoft.Extensions.Options.IOptions<MatchingOptions>>().Value,
    s.GetRequiredService<IHostEnvironment>().ContentRootPath));

var connectionString = builder.Configuration.GetConnectionString("Marten")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Marten (ops/run and ops/test do it for you).");

builder.Services.AddMarten(opts =>
    {
        opts.Connection(ConnectionTuning.Apply(connectionString));
        opts.DatabaseSchemaName = builder.Configuration["Marten:Schema"] ?? "cp";
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        // Wake the async daemon on every append rather than waiting for its next poll: hand-offs reach inboxes sooner.
        opts.Events.UseListenNotifyForEventAppends = true;
        // A hole in the event sequence (an append rolled back after drawing its sequence number) holds the high-water
        // mark, and with it every async shard, until Marten can skip it. Marten skips a hole only when it has been
        // stuck for StaleSequenceThreshold AND its liveness probe (pg_locks, pg_stat_activity, the snapshot's
        // in-progress xids, all fenced to the moment the hole was first seen) finds no transaction that could still
        // fill it; it holds for as long as one lives, since SkipStaleGapsDespiteLiveTransactionsAfter stays null.
        // The wait is only a settle time before that proof, not the proof itself, so it can be short without any
        // event ever being skipped by a projection: 250 ms instead of 3 s, and the stalled agent looks again every
        // 250 ms instead of every second. Lost races, the usual source of holes, no longer happen (Cases/CaseWriteLock.cs).
        opts.Projections.UseTransactionEvidenceForGapSkipping = true;
        opts.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = null;
        opts.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);
        opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);

        opts.Projections.Snapshot<Case>(SnapshotLifecycle.Inline);
        opts.Projections.Add<CaseSummaryProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CaseSummary>().Index(x => x.ReceivedAt).Index(x => x.IncidentCommune).Index(x => x.ReportingAgency);
        opts.Schema.For<IdempotencyRecord>().Identity(x => x.Id).Index(x => x.CreatedAt);
        // Each case's identity key, in its own table; see docs/permissions-and-privacy.md.
        opts.Schema.For<ChildProtection.Coordination.Cases.Identity.CaseKey>();
        // Match keys (keyed hashes, no clear identity) and their index entries, in a block table with a btree (docs/matching.md).
        MatchKeyStorage.Configure(opts);
        opts.Projections.Add<AgencyInboxProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<InboxItem>().Index(x => x.ToAgency).Index(x => x.DueAt);
        // The indicators' per-case facts, async like the inbox; a read selects a unit's cases by these columns (docs/indicators.md).
        opts.Projections.Add<CaseIndicatorFactsProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<CaseIndicatorFacts>().Duplicate(x => x.Communes, pgType: "text[]", configure: i => i.Method = Weasel.Postgresql.Tables.IndexMethod.gin).Duplicate(x => x.ReceivedAt).Duplicate(x => x.Open).Duplicate(x => x.LastAt).Duplicate(x => x.StatusRec);
        // A unit's filed reports, one stream per unit and period.
        opts.Events.AddEventType<IndicatorReportFiled>();
        opts.AddAgencyDirectory();
        // Hash-chain seals of every case event, written just after commit; see docs/auditors.md.
        opts.AddCaseIntegrity();
        opts.AddWebhookDocuments();
        // The service counters move on what was committed (Operations/ServiceMetrics.cs).
        opts.Listeners.Add(new ServiceMetricsListener());
        // Reads of a case by anyone outside the owning commune, in each case's own access-log stream.
        opts.Events.AddEventType<ChildProtection.Coordination.Audit.AccessLog.CaseRecordRead>();
    })
    .UseLightweightSessions()
    // Wolverine's leader runs each async projection and subscription on exactly one node of the cluster.
    .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true)
    .ApplyAllDatabaseChangesOnStartup();
// A lost race that the step or the pathway decides again is one Debug line, not three errors with stack traces.
builder.Services.ConfigureMarten((services, opts) => opts.Logger(new MartenCommandLog(services.GetRequiredService<ILogger<IDocumentStore>>())));
builder.Services.AddAgencies(builder.Configuration);
builder.Services.AddHostedService<AnchorScheduleStarter>();
builder.Services.AddSingleton<AnchorSigner>();
// The key-encryption keys that wrap every stored case key and webhook secret: a key ring on this disk, never in the
// database (Keys:KeyRingFile; a KMS implements IKeyEncryptionKeys instead). What earlier versions stored in clear is wrapped at start.
builder.Services.AddOptions<ChildProtection.Coordination.Common.Keys.KeyOptions>().BindConfiguration(ChildProtection.Coordination.Common.Keys.KeyOptions.Section);
builder.Services.AddSingleton<ChildProtection.Coordination.Common.Keys.IKeyEncryptionKeys, ChildProtection.Coordination.Common.Keys.LocalKeyRing>();
builder.Services.AddHostedService<KeyWrapMigration>();
builder.Services.AddHttpClient(AnchorPublication.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
// Idempotency keys are forgotten after Idempotency:Retention (7 days); each node purges, which is safe to repeat.
builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<IdempotencyPurge>();
// Intake:GroupCommit: concurrent reports committed in one transaction (off by default; Cases/Steps/GroupCommit.cs, docs/benchmark.md).
builder.Services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<GroupCommit>();
// The feed's long-poll: capped waiters sharing one poll of the high-water mark (Integration/FeedWaiters.cs).
builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<FeedWaiters>();
// What each integrator may receive on the feed and its webhooks (Integration:Grants:{agency}; docs/integrators.md).
builder.Services.AddOptions<IntegrationOptions>().BindConfiguration(IntegrationOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IntegrationOptions>, IntegrationOptions.Validation>();
// Integrators' receipts of the child's identity, in each case's access log (Audit/AccessLog).
builder.Services.AddSingleton<ChildProtection.Coordination.Cases.Access.ICaseReadLog, ChildProtection.Coordination.Audit.AccessLog.CaseReadLog>();
// Signed webhooks: a subscription fans case events out to delivery queues; see docs/integrators.md.
builder.Services.AddWebhooks();

// The pathway: a subscription deciding the case events, in order, a page at a time (Handoffs/PathwaySubscription.cs).
// Pathway:Enabled=false switches it off (tests of the steps alone use this so that no hand-off moves the case version under them).
// The report's own rules are decided in the report's transaction (Handoffs/PathwayAtReport.cs), so the commune's first
// hand-off is no second append to the case.
if (builder.Configuration.GetValue("Pathway:Enabled", true))
{
    builder.Services.SubscribeToEventsWithServices<PathwaySubscription>(ServiceLifetime.Singleton);
    if (builder.Configuration.GetValue("Pathway:DecideReports", true))
        builder.Services.AddSingleton<ChildProtection.Coordination.Cases.Reporting.IReportPathway, PathwayAtReport>();
}

// A crashed node (or this node's previous incarnation) is recognised by its database session, not only its silence.
// Registered before UseWolverine so that it starts first: the lock is held before this node's record exists, and the
// records of crashed nodes are removed before this node first evaluates the agent assignments (NodeLivenessTests).
builder.Services.AddHostedService<NodeLiveness>();
// An agent whose move ended unconfirmed is re-sent within seconds, not a minute (NodeLiveness.cs, AgentAssignmentRetry).
builder.Services.AddSingleton<IAsyncWolverineExtension, AgentAssignmentRetry>();

builder.Host.UseWolverine(opts =>
{
    opts.Policies.AutoApplyTransactions();
    // The pathway and the clocks append to case streams that agencies write at the same moment: a lost
    // optimistic race is decided again on the fresh case rather than failing the event.
    opts.Policies.OnException(LostRace.Is).RetryWithCooldown(LostRace.Cooldowns);
    opts.Policies.UseDurableLocalQueues();
    opts.RouteWebhookSends();
    // Legal clocks are scheduled messages; look for due ones every second rather than every five.
    opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
    // Elect a leader (which starts the pathway and the inbox projection) within seconds of starting, not ~15 s.
    opts.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
    // Each node writes its heartbeat, and the leader re-evaluates the assignments, every second.
    opts.Durability.HealthCheckPollingTime = builder.Configuration.GetValue("Cluster:HeartbeatInterval", TimeSpan.FromSeconds(1));
    // Several nodes (ops/cluster) share the agents in the default Balanced mode; a node that stops writing its
    // heartbeat for this long is declared dead and its agents (pathway, projections, clocks) move to the others.
    // A crashed process is caught sooner by its lost liveness lock (NodeLiveness); this timeout decides for a
    // machine that vanished. 5 s (five missed heartbeats) keeps that under ~10 s; a live node wrongly declared dead
    // (a pause over 5 s) only costs a brief double start that Marten's progress check refuses, and it re-registers
    // itself. See README "Scaling out".
    opts.Durability.StaleNodeTimeout = builder.Configuration.GetValue("Cluster:StaleNodeTimeout", TimeSpan.FromSeconds(5));
    // Generated handler code is committed (Internal/Generated) and loaded as is outside Development.
    opts.CodeGeneration.TypeLoadMode = builder.Environment.IsDevelopment() ? TypeLoadMode.Dynamic : TypeLoadMode.Static;
});
builder.Services.AddWolverineHttp();

builder.Services.AddCaseHealthChecks();
builder.Services.AddSingleton<HandoffLoad>().AddHostedService(s => s.GetRequiredService<HandoffLoad>());
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(swagger =>
{
    swagger.SwaggerDoc("v1", new OpenApiInfo
    {
        Title = "Child protection case coordination",
        Version = "v1",
        Description = "Every legal step of a child-protection case (Law on Children 102/2016, Decree 56/2017) as an event; errors are RFC 9457 problem details.",
    });
    swagger.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
        Description = "A JWT with claims sub, name, agency and role (ops/token prints one for the local service).",
    });
    swagger.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", doc)] = [] });
    swagger.CustomSchemaIds(t => t.FullName!.Replace("ChildProtection.Coordination.", "").Replace("+", "."));
    var xml = Path.Combine(AppContext.BaseDirectory, "ChildProtection.Coordination.xml");
    if (File.Exists(xml)) swagger.IncludeXmlComments(xml);
});

// Traces, metrics and logs go to the one OTLP exporter the standard OTEL_EXPORTER_OTLP_* settings describe (docs/operations.md).
var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
var telemetry = builder.Services.AddOpenTelemetry()
    .ConfigureResource(r => r.AddService("ChildProtection.Coordination"))
    .WithTracing(t =>
    {
        // Npgsql and HttpClient emit their own activities in .NET 10; listening is enough.
        t.AddAspNetCoreInstrumentation().AddSource("Wolverine").AddSource("Marten").AddSource("Npgsql").AddSource("System.Net.Http")
            .AddSource(EventTrace.SourceName);
    })
    .WithMetrics(m =>
    {
        m.AddAspNetCoreInstrumentation().AddMeter("Wolverine*").AddMeter("Marten").AddMeter("Npgsql")
            .AddMeter("System.Runtime").AddMeter("System.Net.Http")
            .AddMeter(ServiceMetrics.MeterName);
    });
// With an endpoint, one OTLP exporter takes all three; the log lines (under the same Logging:LogLevel filters as the
// console) carry the trace and span of the request that wrote them. Without one, no log provider formats every line for nobody.
if (otlp)
    telemetry.WithLogging(_ => { }, o => { o.IncludeFormattedMessage = true; o.IncludeScopes = true; }).UseOtlpExporter();

builder.Services.AddTrustedProxies(builder.Configuration);

var app = builder.Build();

// First: who the client is (only a named proxy may say) and the headers every answer carries, errors included.
app.UseForwardedHeaders();
app.UseSecurityHeaders(builder.Configuration);
app.UseExceptionHandler();
app.UseProblemStatusPages();
// A browser at an address with no page gets an HTML page; the API keeps its JSON problems (Web/WebSetup.cs).
app.UseBrowserErrorPages();
app.UseCorrelationIds();
// JSON answers whatever Accept says; text no field can mean is a 400 before auth, endpoints or the database see it.
app.UseJsonAnswers(WebSetup.IsPage);
app.UseInputGuard(http => WebSetup.IsPage(http.Request.Path) && WebSetup.WantsPage(http));
app.UseAuthFailureThrottle(builder.Configuration);
app.UseCasePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseSwagger();
app.UseSwaggerUI();
app.MapCaseHealthChecks();
app.MapWolverineEndpoints(opts => opts.RequireAuthorizeOnAll());
app.MapCasePages();

return await app.RunJasperFxCommands(args);

public partial class Program;
