package api;

import static api.ApiResponses.answer;

import org.apache.camel.Exchange;

/** Handler bean {@code operationEndpoints} of {@code routes/api-operations.camel.yaml}: status and admin. */
public final class OperationEndpoints {
    private final Operations operations;

    public OperationEndpoints(ExplorerApi api) {
        this.operations = api.operations();
    }

    public void status(Exchange x) {
        answer(x, r -> operations.status());
    }

    public void adminIndex(Exchange x) {
        answer(x, r -> operations.index(r.param("Authorization"), r.body()));
    }
}
