using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
namespace ChildProtection.Coordination.Auth;

/// <summary>
/// Bearer tokens, section <c>Auth</c>. Production: <c>Authority</c> (an OpenID Connect issuer whose keys
/// are discovered) and <c>Audience</c>. Local: <c>SigningKeyFile</c> (base64 HMAC key that <c>ops/run</c>
/// creates in .data/ and <c>ops/token</c> signs with), issuer <c>cp-local</c>, audience <c>cp-api</c>.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string LocalIssuer = "cp-local";
    public const string LocalAudience = "cp-api";

    public string? Authority { get; set; }
    public string? Audience { get; set; }
    public string? Issuer { get; set; }
    public string? SigningKeyFile { get; set; }

    /// <summary>The base64 key itself, instead of a file (tests).</summary>
    public string? SigningKey { get; set; }

    public byte[]? LocalKey()
    {
        var text = SigningKey ?? (SigningKeyFile is { Length: > 0 } f ? File.ReadAllText(f) : null);
        return text is null ? null : Convert.FromBase64String(text.Trim());
    }
}

public static class AuthSetup
{
    public static IServiceCollection AddCaseAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = "name",
                RoleClaimType = "role",
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
                jwt.Audience = options.Audience ?? throw new InvalidOperationException("Auth:Audience is required with Auth:Authority.");
                jwt.RequireHttpsMetadata = options.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                if (options.Issuer is { } issuer) jwt.TokenValidationParameters.ValidIssuer = issuer;
            }
            else
            {
                var key = options.LocalKey() ?? throw new InvalidOperationException(
                    "No token validation configured: set Auth__Authority and Auth__Audience, or Auth__SigningKeyFile (ops/run does this for you).");
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
                jwt.TokenValidationParameters.ValidIssuer = options.Issuer ?? AuthOptions.LocalIssuer;
                jwt.TokenValidationParameters.ValidAudience = options.Audience ?? AuthOptions.LocalAudience;
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });
        services.AddAuthorization();
        return services;
    }
}
