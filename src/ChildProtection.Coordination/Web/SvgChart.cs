using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ChildProtection.Coordination.Web;

/// <summary>
/// A horizontal bar chart drawn on the server as inline SVG: no script, no image host, a few hundred bytes. The numbers it
/// draws are also in the table beside it; the chart is named for assistive technology by its title.
/// </summary>
public static class SvgChart
{
    /// <param name="id">An id for the chart's title element, unique on the page.</param>
    /// <param name="title">What the chart shows.</param>
    /// <param name="bars">Each bar's label, value and the text written after it.</param>
    /// <param name="max">The value of a full bar (1 for shares).</param>
    /// <param name="target">A target drawn as a line across the bars (a share's 100%), if any.</param>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, double Value, string Text)> bars, double max, double? target = null)
    {
        const int labelWidth = 260, barWidth = 300, row = 26, textWidth = 90;
        var width = labelWidth + barWidth + textWidth;
        var height = Math.Max(1, bars.Count) * row + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}\">{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var y = 4 + i * row;
            var w = max <= 0 ? 0 : Math.Clamp(value / max, 0, 1) * barWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b1b1b\">{WebUtility.HtmlEncode(Shorten(label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{barWidth}\" height=\"{row - 8}\" fill=\"#f2f5f8\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{row - 8}\" fill=\"#0b4f8a\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + barWidth + 6}\" y=\"{y + 17}\" font-size=\"13\" fill=\"#1b1b1b\">{WebUtility.HtmlEncode(text)}</text>");
        }
        if (target is { } t && max > 0)
        {
            var x = labelWidth + Math.Clamp(t / max, 0, 1) * barWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"2\" y2=\"{height - 2}\" stroke=\"#a4121c\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Shorten(string s) => s.Length > 38 ? s[..37] + "…" : s;
}
