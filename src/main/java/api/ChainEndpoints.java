package api;

import static api.ApiResponses.answer;

import java.util.List;
import org.apache.camel.Exchange;

/** Handler bean {@code chainEndpoints} of {@code routes/api-chain.camel.yaml}: tipsets, blocks, messages. */
public final class ChainEndpoints {
    private final ChainQueries chain;
    private final MessageQueries messages;
    private final MessageLists messageLists;
    private final ContractDevelopers developers;
    private final ResponseCache cache;

    public ChainEndpoints(ExplorerApi api) {
        this.developers = api.developers();
        this.chain = api.chain();
        this.messages = api.messages();
        this.messageLists = api.messageLists();
        this.cache = api.cache();
    }

    public void tipset(Exchange x) {
        cache.answer(x, "api-tipset", List.of("height"), ResponseCache::heightField,
                r -> chain.tipset(RequestParams.height("height", r.param("height"))));
    }

    public void tipsets(Exchange x) {
        answer(x, r -> chain.tipsets(RequestParams.optionalHeight("from", r.param("from")),
                RequestParams.optionalHeight("to", r.param("to")), RequestParams.limit(r.param("limit")),
                r.param("cursor")));
    }

    public void block(Exchange x) {
        cache.answer(x, "api-block", List.of("cid"), ResponseCache::heightField,
                r -> chain.block(RequestParams.cid("cid", r.param("cid"))));
    }

    public void message(Exchange x) {
        cache.answer(x, "api-message", List.of("cid"), ResponseCache::heightField, r -> messages.message(r.param("cid")));
    }

    public void messageSubcalls(Exchange x) {
        cache.answer(x, "api-message-subcalls", List.of("cid"), ResponseCache::heightField,
                r -> messages.subcalls(r.param("cid")));
    }

    public void messageEvents(Exchange x) {
        answer(x, r -> {
            var events = messages.events(r.param("cid"));
            // logs of verified contracts decoded by their ABI
            developers.decorateEvents((com.fasterxml.jackson.databind.node.ArrayNode) events.get("items"));
            return events;
        });
    }

    public void messages(Exchange x) {
        cache.answer(x, "api-messages", LIST_PARAMS, ResponseCache::listInOneHeight,
                r -> messageLists.list(filter(r), RequestParams.limit(r.param("limit")), r.param("cursor")));
    }

    /** Every parameter {@link #messages} reads: the cache key of a page. */
    private static final List<String> LIST_PARAMS = List.of("height", "block", "address", "method", "implicit",
            "includeSubcalls", "limit", "cursor");

    private static MessageLists.Filter filter(ApiRequest r) {
        String block = r.param("block");
        String address = r.param("address");
        return new MessageLists.Filter(
                RequestParams.optionalHeight("height", r.param("height")),
                RequestParams.isAbsent(block) ? null : RequestParams.cid("block", block),
                RequestParams.isAbsent(address) ? null : AddressInput.require("address", address),
                method(r),
                RequestParams.bool("implicit", r.param("implicit"), true),
                RequestParams.bool("includeSubcalls", r.param("includeSubcalls"), false));
    }

    /** The optional {@code method} query parameter (a method number). */
    static Long method(ApiRequest r) {
        String m = r.param("method");
        return RequestParams.isAbsent(m) ? null : RequestParams.methodNumber(m.trim());
    }
}
