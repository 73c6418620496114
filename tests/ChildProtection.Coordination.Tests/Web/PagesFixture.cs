using ChildProtection.Coordination.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ChildProtection.Coordination.Tests.Web;

/// <summary>
/// The service as ops/run runs it (its own process on a real Kestrel port, local mode, the demo directory, the pathway on,
/// Information logs kept for the privacy check) and headless Chromium from Debian's package (/usr/bin/chromium, which
/// ops/test installs; Playwright downloads no browser).
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    public const string Schema = "cp_pages";
    public const string Chromium = "/usr/bin/chromium";

    public RunningService Service { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Url => Service.Url;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
            Environment.SetEnvironmentVariable("ConnectionStrings__Marten", AppFixture.DefaultConnection);
        await TestDatabase.DropSchemaAsync(Schema);
        Service = ServiceProcess.Start(ServiceProcess.FreePort(), new Dictionary<string, string>
        {
            ["Marten:Schema"] = Schema,
            ["Directory:SeedDemo"] = "true",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        });
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync($"{Url}/health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (!Service.Running || i > 600) throw new InvalidOperationException("The service did not start:\n" + Service.Output);
            await Task.Delay(200);
        }
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: ops/test installs Debian's chromium package.");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Service.DisposeAsync();
    }

    /// <summary>A fresh browser (no cookies) reading Vietnamese first, on a phone-sized screen unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url, Locale = "vi-VN",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "pages";
}

/// <summary>What the browser tests do on every page: sign in as a demo person, check accessibility and weight.</summary>
public static class Browse
{
    /// <summary>Signs in on the local sign-in page as <paramref name="role"/> of <paramref name="agency"/>.</summary>
    public static async Task SignInAsync(IPage page, string role, string agency)
    {
        await page.GotoAsync("/signin");
        await page.Locator($"input[value='{role}@{agency}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/signin"));
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/signin"));
    }

    /// <summary>Reloads the page until <paramref name="wanted"/> is on it: the pathway hands work on after the step, not in it. At most a minute.</summary>
    public static async Task ReloadUntilFoundAsync(IPage page, ILocator wanted, string because)
    {
        for (var i = 0; i < 120 && await wanted.CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        (await wanted.CountAsync()).ShouldBeGreaterThan(0, because);
    }

    /// <summary>WCAG 2.1 A and AA rules of axe-core on the page as it is: no violation.</summary>
    public static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}");
        violations.ShouldBeEmpty($"axe found WCAG 2.1 AA violations on {page.Url}");
    }

    /// <summary>The page's HTML as the server sent it stays under 150 KB (it loads nothing else: no script, font or stylesheet).</summary>
    public static async Task ShouldBeLightAsync(IPage page)
    {
        var response = await page.ReloadAsync();
        var body = await response!.BodyAsync();
        body.Length.ShouldBeLessThan(150 * 1024, $"{page.Url} weighs {body.Length} bytes");
    }

    /// <summary>Where the tests' screenshots go: docs/screenshots/ of the repository.</summary>
    public static string Screenshot(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildProtection.Coordination.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "docs", "screenshots");
        Directory.CreateDirectory(path);
        return Path.Combine(path, name);
    }
}
