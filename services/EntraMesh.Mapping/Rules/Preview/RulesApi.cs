namespace EntraMesh.Mapping.Rules.Preview;

public static class RulesApi
{
    /// <summary>POST /api/rules/validate and POST /api/rules/preview (behind the gateway).</summary>
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/rules").WithTags("Rules");

        rules.MapPost("/validate", ValidateEndpoint.HandleAsync)
            .WithName("ValidateRuleSet")
            .WithSummary("Validate a rule set and run its test cases")
            .WithDescription("Takes a rule set in YAML. Answers every error with its line, column and YAML path, and the result of " +
                "every test case; valid is true when there is no error and every test case passes. Nothing changes in the service.")
            .DocumentsBody<string>(ValidateEndpoint.YamlMediaTypes)
            .Produces<ValidationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        rules.MapPost("/preview", PreviewEndpoint.HandleAsync)
            .WithName("PreviewRecord")
            .WithSummary("Preview what the rules make of one worker record")
            .WithDescription("Evaluates one record with the running rule set, or with a candidate rule set given in ruleSet. Answers " +
                "the worker's target (null when out of scope), the SCIM data as dispatch would send it, active, the OU, and for each " +
                "value the scoping filter and the expression (with its position) that produced it. Nothing is sent.")
            .DocumentsBody<PreviewRequest>("application/json")
            .Produces<PreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }
}
