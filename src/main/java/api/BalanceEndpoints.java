package api;

import static api.ApiResponses.answer;

import codec.address.Address;
import codec.address.AddressException;
import org.apache.camel.Exchange;

/** Handler bean {@code balanceEndpoints} of {@code routes/api-history.camel.yaml}: balances at a height, their history. */
public final class BalanceEndpoints {
    private final BalanceQueries balances;
    private final ActorDirectory actors;

    public BalanceEndpoints(ExplorerApi api) {
        this.balances = api.balances();
        this.actors = api.actors();
    }

    public void balance(Exchange x) {
        answer(x, r -> {
            long id = actorId(r.param("address"));
            Long height = RequestParams.optionalHeight("height", r.param("height"));
            long h = height != null ? height
                    : balances.indexedTop().orElseThrow(() -> ApiException.notFound("nothing is indexed yet"));
            return balances.json(balances.at(id, h));
        });
    }

    public void history(Exchange x) {
        answer(x, r -> {
            long id = actorId(r.param("address"));
            Long from = RequestParams.optionalHeight("from", r.param("from"));
            Long to = RequestParams.optionalHeight("to", r.param("to"));
            if (from != null && to != null && from > to) {
                throw ApiException.badRequest("invalid_range", "from (" + from + ") is above to (" + to + ")");
            }
            return balances.history(id, from, to, RequestParams.limit(r.param("limit")), r.param("cursor"));
        });
    }

    private long actorId(String raw) {
        Address a;
        try {
            a = AddressInput.parse(RequestParams.required("address", raw)).address();
        } catch (AddressException e) {
            throw ApiException.badRequest("invalid_address", e.getMessage());
        }
        return actors.resolveId(a).orElseThrow(() -> ApiException.notFound("address " + RequestParams.shorten(raw)
                + " is not known to the index"));
    }
}
