using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflow.Server.Pages.Site;

/// <summary>The server-rendered pages (decision 0003): Razor Pages with antiforgery on every form, zh-CN first, English by a switch.</summary>
public static class PagesRegistration
{
    public const string LanguageCookie = "wf_lang";
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddWorkflowPages(this IServiceCollection services)
    {
        // The pages live in this assembly; MVC looks only in the entry assembly, which is another one when a host embeds the
        // service (the benchmarks), so they are added here unless MVC has already found them.
        services.AddRazorPages().ConfigureApplicationPartManager(manager =>
        {
            var assembly = typeof(PagesRegistration).Assembly;
            if (manager.ApplicationParts.OfType<Microsoft.AspNetCore.Mvc.ApplicationParts.AssemblyPart>().Any(p => p.Assembly == assembly)) return;
            foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                manager.ApplicationParts.Add(part);
        });
        // Requiredness is the services' rule, said in the person's language; MVC's implicit English "field is required" is not.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        // Chinese text goes out as text, not as numeric character references: smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "wf_antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = o.SupportedUICultures = [Chinese, English];
            // The switch's cookie only: a browser's Accept-Language must not turn an office's pages into English.
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }];
        });
        return services;
    }

    /// <summary>Before routing: static files (no session needed), the language, the security headers.</summary>
    public static IApplicationBuilder UseWorkflowPages(this IApplicationBuilder app)
    {
        app.UsePageSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>A refusal on a page (400, 403, 404) answers with a page in the person's language; the API keeps its problem details.</summary>
    public static IApplicationBuilder UsePageStatusPages(this IApplicationBuilder app) =>
        app.UseWhen(context => !Accounts.PageSession.IsTokenPath(context.Request.Path), page => page.UseStatusCodePagesWithReExecute("/error/{0}"));

    public static void SetLanguage(HttpResponse response, CultureInfo culture) =>
        response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
}
