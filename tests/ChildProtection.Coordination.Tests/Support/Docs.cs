namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Tables the docs print, read back so a test can keep them equal to the code.</summary>
public static class Docs
{
    /// <summary>The text of docs/<paramref name="file"/>.</summary>
    public static string Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildProtection.Coordination.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", file)).ReplaceLineEndings("\n");
    }

    /// <summary>The text of docs/<paramref name="file"/> between <c>&lt;!-- name:begin --&gt;</c> and <c>&lt;!-- name:end --&gt;</c>.</summary>
    public static string Section(string file, string name)
    {
        var text = Read(file);
        var begin = text.IndexOf($"<!-- {name}:begin -->\n", StringComparison.Ordinal);
        var end = text.IndexOf($"<!-- {name}:end -->", StringComparison.Ordinal);
        begin.ShouldBeGreaterThanOrEqualTo(0, $"docs/{file} has no <!-- {name}:begin --> marker");
        end.ShouldBeGreaterThan(begin);
        return text[(begin + $"<!-- {name}:begin -->\n".Length)..end];
    }
}
