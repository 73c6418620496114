using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ChildProtection.Coordination.Cases.Steps;

/// <summary>Documents a case step's answers in OpenAPI: its success body and every problem it can give.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepResponsesAttribute(int successStatus = StatusCodes.Status200OK, Type? body = null) : ModifyHttpChainAttribute
{
    public override void Modify(HttpChain chain, GenerationRules rules)
    {
        chain.Metadata.WithTags("Cases").Produces(successStatus, body ?? typeof(StepAccepted), "application/json");
        // Wolverine describes an IResult endpoint as "200 IResult"; a creating step answers 201 instead.
        // and a creating step has no case to miss, so neither its 200 nor a 404 is an answer it gives.
        if (successStatus != StatusCodes.Status200OK)
            chain.Metadata.Finally(b => b.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Where(m => m.StatusCode is StatusCodes.Status200OK or StatusCodes.Status404NotFound).ToList().ForEach(m => b.Metadata.Remove(m)));
        foreach (var status in new[] { 400, 401, 403, 404, 409, 412, 422 })
        {
            if (status is 404 or 412 && successStatus == StatusCodes.Status201Created) continue;
            chain.Metadata.Produces<ProblemDetails>(status, "application/problem+json");
        }
    }
}

/// <summary>Documents a read endpoint's answers in OpenAPI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadResponsesAttribute(Type body, int successStatus = StatusCodes.Status200OK, string tag = "Cases") : ModifyHttpChainAttribute
{
    /// <summary>The endpoint can also answer 409 (a registration past a limit, say).</summary>
    public bool Conflict { get; set; }

    public override void Modify(HttpChain chain, GenerationRules rules)
    {
        chain.Metadata.WithTags(tag).Produces(successStatus, body, "application/json");
        foreach (var status in Conflict ? new[] { 400, 401, 403, 404, 409 } : [400, 401, 403, 404])
            chain.Metadata.Produces<ProblemDetails>(status, "application/problem+json");
    }
}
