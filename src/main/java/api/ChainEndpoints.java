package api;

import static api.ApiResponses.answer;

import org.apache.camel.Exchange;

/** Handler bean {@code chainEndpoints} of {@code routes/api-chain.camel.yaml}: tipsets, blocks, messages. */
public final class ChainEndpoints {
    private final ChainQueries chain;
    private final MessageQueries messages;
    private final MessageLists messageLists;

    public ChainEndpoints(ExplorerApi api) {
        this.chain = api.chain();
        this.messages = api.messages();
        this.messageLists = api.messageLists();
    }

    public void tipset(Exchange x) {
        answer(x, r -> chain.tipset(RequestParams.height("height", r.param("height"))));
    }

    public void tipsets(Exchange x) {
        answer(x, r -> chain.tipsets(RequestParams.optionalHeight("from", r.param("from")),
                RequestParams.optionalHeight("to", r.param("to")), RequestParams.limit(r.param("limit")),
                r.param("cursor")));
    }

    public void block(Exchange x) {
        answer(x, r -> chain.block(RequestParams.cid("cid", r.param("cid"))));
    }

    public void message(Exchange x) {
        answer(x, r -> messages.message(r.param("cid")));
    }

    public void messageSubcalls(Exchange x) {
        answer(x, r -> messages.subcalls(r.param("cid")));
    }

    public void messageEvents(Exchange x) {
        answer(x, r -> messages.events(r.param("cid")));
    }

    public void messages(Exchange x) {
        answer(x, r -> messageLists.list(filter(r), RequestParams.limit(r.param("limit")), r.param("cursor")));
    }

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
