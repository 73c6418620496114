using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace ChildProtection.Coordination.Common;

/// <summary>
/// The one place that refuses text no endpoint can mean, before any endpoint, query or database sees it: a NUL or
/// another control character, a lone surrogate, or percent-escapes that are not UTF-8, in the path (route values),
/// the query string (names and values) or a header value. The answer is a 400 problem naming the field (a browser asking
/// for a page gets the pages' HTML error page with the 400 instead). A NUL once reached PostgreSQL as a query parameter
/// (22021) and answered 500 (issue 12). JSON bodies are checked by <see cref="SafeStringConverter"/>, the serializer's
/// side of the same rule.
/// </summary>
public static class InputGuard
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="app">The pipeline.</param>
    /// <param name="htmlPage">
    /// A browser's request for a page: refused with the bare 400, which the pages' HTML error page then answers (it is
    /// placed before this guard, Web/WebSetup.cs), as every other error a page meets; the problem is JSON for the rest.
    /// </param>
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app, Func<HttpContext, bool> htmlPage) => app.Use(async (http, next) =>
    {
        if (Refusal(http) is { } field)
        {
            if (htmlPage(http))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await Problems.Invalid(http, field,
                $"'{field}' holds text the service does not accept: a control character (such as NUL), a lone surrogate, or bytes that are not UTF-8.")
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>The index of the first character no text field may hold, or null. Tab is allowed; CR and LF only in bodies.</summary>
    public static int? FirstInvalid(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c != '\t' && !(allowLineBreaks && c is '\r' or '\n')) return i;
            if (c == '\u007f') return i;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return i;
            }
            if (char.IsLowSurrogate(c)) return i;
        }
        return null;
    }

    /// <summary>The name of the first field of the request that holds invalid text, or null.</summary>
    public static string? Refusal(HttpContext http)
    {
        // The raw target, before Kestrel decoded it: a %FF in the path or the query is only visible here.
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) raw = http.Request.Path.ToUriComponent() + http.Request.QueryString.Value;
        var q = raw.IndexOf('?');
        var path = q < 0 ? raw : raw[..q];
        foreach (var segment in path.Split('/'))
            if (Decode(segment, plusIsSpace: false) is not { } text || FirstInvalid(text, false) is not null)
                return RouteValueNamed(http, segment) ?? "path";
        if (q >= 0)
            foreach (var pair in raw[(q + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=');
                var name = Decode(eq < 0 ? pair : pair[..eq], plusIsSpace: true);
                if (name is null || FirstInvalid(name, false) is not null) return "query";
                if (eq >= 0 && (Decode(pair[(eq + 1)..], plusIsSpace: true) is not { } value || FirstInvalid(value, false) is not null))
                    return name;
            }
        foreach (var (name, values) in http.Request.Headers)
            foreach (var value in values)
                if (value is not null && FirstInvalid(value, false) is not null) return name;
        return null;
    }

    private static string? RouteValueNamed(HttpContext http, string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        foreach (var (name, value) in http.Request.RouteValues)
            if (value is string s && (s == segment || s == decoded)) return name;
        return null;
    }

    /// <summary>Percent-decodes to bytes and reads them as strict UTF-8; null when they are not UTF-8.</summary>
    private static string? Decode(string escaped, bool plusIsSpace)
    {
        if (escaped.IndexOf('%') < 0 && !(plusIsSpace && escaped.Contains('+'))) return escaped;
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '%' && i + 2 < escaped.Length && IsHex(escaped[i + 1]) && IsHex(escaped[i + 2]))
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+' && plusIsSpace) bytes.Add((byte)' ');
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        try { return StrictUtf8.GetString(bytes.ToArray()); }
        catch (DecoderFallbackException) { return null; }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
