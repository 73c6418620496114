using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ChildProtection.Coordination.Agencies;

/// <summary>
/// Describes a raw, non-JSON request body (the CSV import reads it from the request itself) in OpenAPI:
/// Wolverine only describes bodies it binds, so an endpoint's <c>Accepts</c> metadata would otherwise be lost.
/// </summary>
public sealed class CsvRequestBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody is not null) return;
        var mediaTypes = context.ApiDescription.ActionDescriptor.EndpointMetadata
            .OfType<IAcceptsMetadata>().SelectMany(m => m.ContentTypes).Where(t => t.StartsWith("text/", StringComparison.Ordinal)).ToList();
        if (mediaTypes.Count == 0) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = mediaTypes.ToDictionary(t => t, IOpenApiMediaType (_) => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
        };
    }
}
