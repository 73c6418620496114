using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ChildProtection.Coordination.Agencies;

/// <summary>Documents a directory endpoint in OpenAPI under the tag "Directory": its body and the problems it can give.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DirectoryResponsesAttribute(Type body, int successStatus = StatusCodes.Status200OK) : ModifyHttpChainAttribute
{
    /// <summary>A change (administrators only, can conflict) rather than a read.</summary>
    public bool Write { get; set; }

    /// <summary>The request body's media type when it is not JSON (the CSV import).</summary>
    public string? Accepts { get; set; }

    public override void Modify(HttpChain chain, GenerationRules rules)
    {
        chain.Metadata.WithTags("Directory").Produces(successStatus, body, "application/json");
        // Wolverine describes an IResult endpoint as "200 IResult"; keep only the real success answer.
        chain.Metadata.Finally(b => b.Metadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.StatusCode == StatusCodes.Status200OK && m.Type != body).ToList().ForEach(m => b.Metadata.Remove(m)));
        if (Accepts is not null) chain.Metadata.Accepts(typeof(string), Accepts);
        int[] problems = Write ? [400, 401, 403, 404, 409] : [400, 401, 403, 404];
        foreach (var status in problems) chain.Metadata.Produces<ProblemDetails>(status, "application/problem+json");
    }
}
