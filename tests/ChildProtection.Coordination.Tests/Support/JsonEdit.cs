using ChildProtection.Coordination.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Coordination.Auth;
using ChildProtection.Coordination.Cases;
using ChildProtection.Coordination.Cases.Assessment;
using ChildProtection.Coordination.Cases.Closure;
using ChildProtection.Coordination.Cases.EmergencyProtection;
using ChildProtection.Coordination.Cases.Interview;
using ChildProtection.Coordination.Cases.MedicalExam;
using ChildProtection.Coordination.Cases.Plan;
using ChildProtection.Coordination.Cases.Reporting;
using ChildProtection.Coordination.Cases.Review;
using ChildProtection.Coordination.Cases.SchoolReintegration;
using ChildProtection.Coordination.Cases.Support;
using ChildProtection.Coordination.Cases.Verification;
using ChildProtection.Coordination.LegalTime;
using ChildProtection.Coordination.Privacy;
using JasperFx.Events;
using Marten;
using ChildProtection.Coordination.Common;
using ChildProtection.Coordination.Cases.Steps;
using ChildProtection.Coordination.Cases.Identity;
using ChildProtection.Coordination.Agencies;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Edits a JSON body along a dotted path ("services.0.kind").</summary>
public static class JsonEdit
{
    public static string Set(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, last) = Walk(root, path);
        if (parent is JsonArray array) array[int.Parse(last)] = value;
        else parent.AsObject()[last] = value;
        return root.ToJsonString();
    }

    /// <summary>Puts raw JSON text at the path, so that it may be anything, even text a JSON writer would refuse.</summary>
    public static string SetRaw(string json, string path, string raw)
    {
        const string marker = "__raw_value_marker__";
        return Set(json, path, marker).Replace($"\"{marker}\"", raw);
    }

    public static string Remove(string json, string path)
    {
        var root = JsonNode.Parse(json)!;
        var (parent, last) = Walk(root, path);
        if (parent is JsonArray array) array.RemoveAt(int.Parse(last));
        else parent.AsObject().Remove(last);
        return root.ToJsonString();
    }

    /// <summary>"services.0.kind" as System.Text.Json names it in an error: "services[0].kind".</summary>
    public static string ErrorPath(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\.(\d+)", "[$1]");

    private static (JsonNode Parent, string Last) Walk(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
            node = node is JsonArray a ? a[int.Parse(part)]! : node[part]!;
        return (node, parts[^1]);
    }
}
