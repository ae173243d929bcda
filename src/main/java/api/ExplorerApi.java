package api;

import codec.address.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** Assembles the API's handlers from the application's beans and lists its endpoints. */
public final class ExplorerApi {
    private final SqlRows rows;
    private final ApiConfig config;

    public ExplorerApi(SqlRows rows, ApiConfig config) {
        this.rows = rows;
        this.config = config;
    }

    public static ExplorerApi fromContext(CamelContext context) {
        SqlRows rows = context.getRegistry().findSingleByType(SqlRows.class);
        if (rows == null) {
            rows = (sql, params) -> {
                throw ApiException.unavailable("ClickHouse is not configured");
            };
        }
        var props = context.getPropertiesComponent();
        Network network = Network.ofPrefix(props.resolveProperty("api.network-prefix").orElse("f").charAt(0));
        String token = props.resolveProperty("api.admin-token").orElse("");
        long timeout = Long.parseLong(props.resolveProperty("api.query-timeout-ms").orElse("10000"));
        return new ExplorerApi(rows, new ApiConfig(network, token, timeout));
    }

    public List<Endpoint> endpoints() {
        AddressReport report = new AddressReport(a -> Optional.empty(), config.network());
        List<Endpoint> all = new ArrayList<>();
        all.add(Endpoint.get("/api/v1/addresses/{address}", "api-address",
                "Verify and convert an address in any form; an invalid one is explained (200, valid=false)",
                r -> report.verify(r.param("address")),
                Endpoint.Param.path("address", "ID, robust, f410, or 0x address, f or t prefix")));
        return all;
    }
}
