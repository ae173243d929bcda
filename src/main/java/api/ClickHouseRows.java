package api;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** {@link SqlRows} over the official ClickHouse client (server or embedded engine alike), rows as JSONEachRow. */
public final class ClickHouseRows implements SqlRows {
    /** Server error codes that mean "not ready or overloaded" (a 503), not "bad query" (a bug). */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            60, 81, 159, 202, 209, 210, 241, 242, 394);

    private final Supplier<Client> client;
    private static final long ANSWER_GRACE_MILLIS = 5_000;
    private final long timeoutMillis;

    public ClickHouseRows(Supplier<Client> client, long timeoutMillis) {
        this.client = client;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public List<ObjectNode> query(String sql, Map<String, Object> params) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.JSONEachRow);
        // ClickHouse stops the query at its deadline (max_execution_time); this wait only covers a lost answer
        try (QueryResponse response = client.get().query(sql, params, settings).get(timeoutMillis + ANSWER_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
             InputStream in = response.getInputStream()) {
            return read(in);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("ClickHouse did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for ClickHouse");
        } catch (Exception e) {
            throw translate(e);
        }
    }

    private static List<ObjectNode> read(InputStream in) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        try (JsonParser parser = ApiJson.MAPPER.getFactory().createParser(in)) {
            var it = ApiJson.MAPPER.readValues(parser, ObjectNode.class);
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    private static RuntimeException translate(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof IllegalStateException bug) {
            return bug;
        }
        if (e instanceof ServerException server && !UNAVAILABLE_CODES.contains(server.getCode())) {
            // a query the engine rejects is a bug in this API, never the client's fault
            return new IllegalStateException("ClickHouse rejected an API query: " + server.getMessage(), server);
        }
        return ApiException.unavailable("ClickHouse is unavailable: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + RequestParams.shorten(e.getMessage())));
    }
}
