using System.Diagnostics;
using System.Text.RegularExpressions;
namespace ChildProtection.Coordination.Common;

/// <summary>
/// Every request gets one correlation id: the caller's <c>X-Correlation-Id</c> when it is well formed,
/// else the trace id. It is echoed back and stamped on every event the request appends.
/// </summary>
public static partial class Correlation
{
    public const string Header = "X-Correlation-Id";
    public const string ItemKey = "cp.correlation-id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex WellFormed();

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var given = http.Request.Headers[Header].ToString();
        var id = WellFormed().IsMatch(given)
            ? given
            : Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier;
        http.Items[ItemKey] = id;
        http.Response.Headers[Header] = id;
        await next(http);
    });

    public static string Of(HttpContext http) => http.Items[ItemKey] as string ?? http.TraceIdentifier;
}
