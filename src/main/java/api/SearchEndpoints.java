package api;

import static api.ApiResponses.answer;

import org.apache.camel.Exchange;

/** Handler bean {@code searchEndpoints} of {@code routes/api-search.camel.yaml}: search and the address tool. */
public final class SearchEndpoints {
    private final Search search;
    private final AddressReport addresses;
    private final ResponseCache cache;

    public SearchEndpoints(ExplorerApi api) {
        this.search = api.search();
        this.addresses = api.addresses();
        this.cache = api.cache();
    }

    public void search(Exchange x) {
        cache.answer(x, "api-search", java.util.List.of("q"), ResponseCache::searchMatchHeight, r -> search.search(r.param("q")));
    }

    public void address(Exchange x) {
        answer(x, r -> addresses.verify(r.param("address")));
    }
}
