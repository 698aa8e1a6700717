using Microsoft.OpenApi;

namespace EntraMesh.Mapping.Rules.Preview;

/// <summary>
/// Describes a request body in the OpenAPI document without <c>Accepts</c> metadata: that metadata makes routing answer a
/// wrong content type with a bare 415, while the handlers answer it with a problem document naming what to send.
/// </summary>
internal static class RequestBodyDocumentation
{
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            IOpenApiSchema schema = typeof(T) == typeof(string)
                ? new OpenApiSchema { Type = JsonSchemaType.String }
                : await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });
}
