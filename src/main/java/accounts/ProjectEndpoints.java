package accounts;

import static api.ApiResponses.answer;

import api.ExplorerApi;
import org.apache.camel.Exchange;

/** Handler bean {@code projectEndpoints} of {@code routes/api-projects.camel.yaml}. */
public final class ProjectEndpoints {
    private final ExplorerApi api;

    public ProjectEndpoints(ExplorerApi api) {
        this.api = api;
    }

    public void list(Exchange x) {
        answer(x, r -> api.projects().list(r.param("name"), r.param("id"), r.param("owner"), r.param("limit"), r.param("cursor")));
    }

    public void get(Exchange x) {
        answer(x, r -> api.projects().get(r.param("id")));
    }

    public void create(Exchange x) {
        answer(x, r -> api.projects().create(r.param("Authorization"), r.body(), r.client()));
    }

    public void update(Exchange x) {
        answer(x, r -> api.projects().update(r.param("Authorization"), r.param("id"), r.body(), r.client()));
    }

    public void delete(Exchange x) {
        answer(x, r -> api.projects().delete(r.param("Authorization"), r.param("id"), r.client()));
    }

    public void addContract(Exchange x) {
        answer(x, r -> api.projects().addContract(r.param("Authorization"), r.param("id"), r.param("address"), r.client()));
    }

    public void removeContract(Exchange x) {
        answer(x, r -> api.projects().removeContract(r.param("Authorization"), r.param("id"), r.param("address"), r.client()));
    }
}
