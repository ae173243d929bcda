package api;

import static api.ApiResponses.answer;

import org.apache.camel.Exchange;

/** Handler bean {@code operationEndpoints} of {@code routes/api-operations.camel.yaml}: status, admin and the index of all endpoints. */
public final class OperationEndpoints {
    private final Operations operations;

    public OperationEndpoints(ExplorerApi api) {
        this.operations = api.operations();
    }

    public void status(Exchange x) {
        answer(x, r -> operations.status());
    }

    /** {@code GET /api/v1/}: every REST operation the server offers and where the OpenAPI document is. */
    public void index(Exchange x) {
        answer(x, new ApiIndex(x.getContext(), ApiIndex.OPENAPI_PATH));
    }

    public void adminVerify(Exchange x) {
        answer(x, r -> operations.verify(r.param("Authorization"), r.body()));
    }

    public void adminIndex(Exchange x) {
        answer(x, r -> operations.index(r.param("Authorization"), r.body()));
    }
}
