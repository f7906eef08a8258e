using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using Workflow.Server.Hosting;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

public static class AuthRegistration
{
    public static IServiceCollection AddJwtAuth(this IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var external = !string.IsNullOrWhiteSpace(options.Authority);
        // Read when first needed, after start-up has migrated the database that may hold it (PostgreSQL).
        if (!external) services.AddSingleton(sp => SigningKey.Load(options, server, sp.GetRequiredService<SharedSecrets>()));

        services.AddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountService>();
        services.AddMemoryCache();
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UserImport>();

        services.AddAuthentication(PageSession.SelectorScheme).AddPageSession(options).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                NameClaimType = "name",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
                RequireExpirationTime = true,
                RequireSignedTokens = true,
            };
            if (external)
            {
                // Keys come from the provider's discovery document; issuer and audience still have to match.
                jwt.Authority = options.Authority;
                jwt.Audience = options.Audience;
            }
            else
            {
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            jwt.Events = new JwtBearerEvents
            {
                // Browsers opening the job dashboard carry the token in a cookie set at sign-in, not in a header.
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && context.Request.Cookies.TryGetValue(SessionCookie.Name, out var cookie)) context.Token = cookie;
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = 401;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    var detail = context.AuthenticateFailure switch
                    {
                        null => "sign in: send 'Authorization: Bearer <token>'",
                        SessionEndedException ended => ended.Message,
                        _ => "the token is invalid or expired",
                    };
                    await Results.Problem(statusCode: 401, title: "未登录 / Unauthorized", detail: detail, type: ProblemTypes.For("unauthorized")).ExecuteAsync(context.HttpContext);
                },
                OnForbidden = async context =>
                {
                    context.Response.StatusCode = 403;
                    await Results.Problem(statusCode: 403, title: "无权操作 / Forbidden", detail: "your role does not allow this", type: ProblemTypes.For("forbidden")).ExecuteAsync(context.HttpContext);
                },
            };
            // Tokens of an external provider carry no stamp of ours: they end when the provider says.
            if (!external) jwt.Events.OnTokenValidated = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionGuard>();
                if (!await sessions.IsCurrentAsync(context.Principal!, context.HttpContext.RequestAborted)) context.Fail(new SessionEndedException());
            };
        });

        if (!external)
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<SigningKey>((jwt, key) => jwt.TokenValidationParameters.IssuerSigningKey = key.Key);
        // After the bearer options are built: token lifetimes are judged on the service's clock, the one that set them.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((jwt, clock) => jwt.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && end > now - parameters.ClockSkew && (notBefore is not { } start || start <= now + parameters.ClockSkew);
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Officer, p => p.RequireRole(Roles.Officer, Roles.Admin))
            .AddPolicy(Policies.Approver, p => p.RequireRole(Roles.Approver))
            .AddPolicy(Policies.Chair, p => p.RequireRole(Roles.Chair));
        return services;
    }

    /// <summary>Someone signed in with a one-time password may only change it: the API answers 403, a page leads to the password page.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(Caller.MustChangePasswordClaim, "true") && !PageSession.IsTokenPath(path))
        {
            if (path.StartsWithSegments(PageSession.PasswordPath) || path.StartsWithSegments("/account/signout") || path.StartsWithSegments("/error")) await next(context);
            else context.Response.Redirect(PageSession.PasswordPath);
            return;
        }
        if (context.User.HasClaim(Caller.MustChangePasswordClaim, "true") && !path.StartsWithSegments("/api/auth"))
        {
            context.Response.StatusCode = 403;
            await Results.Problem(statusCode: 403, title: "请先修改密码 / Change your password first", type: ProblemTypes.For("password-change-required"),
                detail: "you signed in with a one-time password: POST /api/auth/password").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
