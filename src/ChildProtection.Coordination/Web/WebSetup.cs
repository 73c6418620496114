using System.Globalization;
using ChildProtection.Coordination.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Tokens;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// The pages: a second edge over the same gate, views and decisions as the API (Razor Pages under <c>Web/Pages</c>,
/// rendered on the server, no JavaScript needed). A browser signs in to a cookie session; the API keeps its bearer tokens
/// and never reads the cookie, so a page's session cannot be used to call the API from another site.
/// Production: OpenID Connect against <c>Auth:Authority</c> (client <c>Auth:ClientId</c>, <c>Auth:ClientSecret</c>).
/// Local (no authority, the tokens of ops/token): a sign-in page that lists the directory's demo people.
/// </summary>
public static class WebSetup
{
    public const string CookieScheme = "CasePages";
    public const string OidcScheme = "oidc";
    public const string PagesPolicy = "pages";
    public const string CultureCookie = "cp.lang";

    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Local mode: no OpenID Connect authority, so the service signs its own tokens and the demo sign-in page exists.</summary>
    public static bool IsLocal(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration[$"{AuthOptions.Section}:Authority"]);

    public static IServiceCollection AddCasePages(this IServiceCollection services, IConfiguration configuration)
    {
        var local = IsLocal(configuration);
        var auth = services.AddAuthentication().AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "cp.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure always in production; locally the service runs on plain http://127.0.0.1.
            cookie.Cookie.SecurePolicy = local ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/signin";
            if (!local) cookie.ForwardChallenge = OidcScheme;
        });
        if (!local)
        {
            auth.AddOpenIdConnect(OidcScheme, oidc =>
            {
                var authority = configuration[$"{AuthOptions.Section}:Authority"]!;
                oidc.Authority = authority;
                oidc.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                oidc.ClientId = configuration[$"{AuthOptions.Section}:ClientId"]
                    ?? throw new InvalidOperationException("Auth:ClientId is required with Auth:Authority (the pages' OpenID Connect client).");
                oidc.ClientSecret = configuration[$"{AuthOptions.Section}:ClientSecret"];
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SignInScheme = CookieScheme;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.SaveTokens = false;
                oidc.Scope.Add("profile");
                oidc.CallbackPath = "/signin-oidc";
                oidc.SignedOutCallbackPath = "/signout-oidc";
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
                // The same claims a bearer token carries: sub, name, agency, role (Auth/Roles.cs, Actor.From).
                oidc.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name", RoleClaimType = "role" };
                oidc.ClaimActions.MapUniqueJsonKey("agency", "agency");
                oidc.ClaimActions.MapUniqueJsonKey("role", "role");
            });
        }
        services.AddAuthorizationBuilder().AddPolicy(PagesPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "cp.antiforgery";
            a.Cookie.SecurePolicy = local ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            a.FormFieldName = "__cp_af";
        });
        // Razor Pages bring MVC, whose JSON options Swashbuckle then reads: the API's own (enums as names) for both.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Common.CaseJson.Configure(o.JsonSerializerOptions));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web/Pages";
            pages.Conventions.AuthorizeFolder("/", PagesPolicy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
        });
        // Vietnamese letters as letters, not &#x...; entities: a page is a third smaller on a weak connection.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Vietnamese);
            o.SupportedCultures = o.SupportedUICultures = [Vietnamese, English];
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>The paths the pages answer, in HTML; everything else is the API (JSON, problem details) or Swagger.</summary>
    private static readonly string[] PagePaths = ["/signin", "/signout", "/signin-oidc", "/signout-oidc", "/language", "/cases", "/report", "/indicators"];

    public static bool IsPage(PathString path) =>
        path == "/" || PagePaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The pages' content policy: their own inline style and nothing else — no script, no font, no other host; forms post
    /// only here. Then the culture: Vietnamese unless the user chose English (cookie) or the browser prefers it.
    /// </summary>
    public static IApplicationBuilder UseCasePages(this IApplicationBuilder app) =>
        app.UseWhen(http => IsPage(http.Request.Path), pages => pages
            .Use((http, next) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return next(http);
            })
            .UseRequestLocalization());

    /// <summary>
    /// A browser asking for a page (<c>Accept: text/html</c>) at an address outside the API gets an HTML page for a bare error
    /// status (an unknown address: 404), in its language (the <c>cp.lang</c> cookie, else <c>Accept-Language</c>); the API
    /// (<c>/api</c>), Swagger and the health checks keep their JSON problems. Placed after the problem status pages, so it
    /// answers first for a browser.
    /// </summary>
    public static IApplicationBuilder UseBrowserErrorPages(this IApplicationBuilder app) =>
        app.UseWhen(WantsPage, browser => browser.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var english = http.Request.Cookies[CultureCookie] is { } chosen
                ? chosen.Contains("en", StringComparison.Ordinal)
                : http.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase);
            System.Globalization.CultureInfo.CurrentUICulture = english ? English : Vietnamese;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.CacheControl = "no-store";
            string E(string s) => System.Net.WebUtility.HtmlEncode(s);
            var title = Text.T("error.title", status);
            await http.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"{Text.Lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
                $"<title>{E(title)} — {E(Text.T("app.name"))}</title><style>body{{margin:0;font:16px/1.5 system-ui,Arial,sans-serif;color:#1b1b1b}}" +
                "header{background:#0b4f8a;color:#fff;padding:.5rem 1rem;font-weight:700}main{padding:1rem;max-width:70rem;margin:0 auto}a{color:#0b4f8a}</style></head>" +
                $"<body><header>{E(Text.T("app.name"))}</header><main id=\"main\"><h1>{E(title)}</h1><p>{E(Text.T(status == 404 ? "error.404" : "error.other"))}</p>" +
                $"<p><a href=\"/\">{E(Text.T("error.home"))}</a></p></main></body></html>");
        }));

    public static bool WantsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/swagger") && !http.Request.Path.StartsWithSegments("/health")
        && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplication MapCasePages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
