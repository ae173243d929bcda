package embedded;

import com.clickhouse.client.api.internal.ClickHouseLZ4InputStream;
import com.clickhouse.client.api.internal.ClickHouseLZ4OutputStream;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import net.jpountz.lz4.LZ4Factory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the subset of the ClickHouse HTTP interface the official Java client uses, on top of a
 * pool of chDB connections: queries in the body or the {@code query} parameter, inserts with rows
 * in the body, {@code param_*} server-side parameters, settings as URL parameters, ClickHouse's
 * LZ4 block compression both ways, and errors in the server's format.
 */
final class ClickHouseHttpHandler implements HttpHandler {
    private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)");
    private static final int CODE_NOT_IMPLEMENTED = 48;
    private static final int CODE_BAD_ARGUMENTS = 36;
    private static final int CODE_AUTHENTICATION_FAILED = 516;
    private static final int COPY_CHUNK = 64 * 1024;
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private static final int CODE_TOO_MANY_SIMULTANEOUS_QUERIES = 202;
    /** How long a request waits for a free connection before the server says it is busy. */
    private static final long BORROW_WAIT_SECONDS = 120;
    private final BlockingQueue<ChdbConnection> pool;
    private final BlockingQueue<ChdbConnection> apiPool;
    private final String user;
    private final byte[] password;
    private final Path spoolDir;
    private final String timezone;

    ClickHouseHttpHandler(BlockingQueue<ChdbConnection> pool, BlockingQueue<ChdbConnection> apiPool, String user,
            String password, Path spoolDir, String timezone) {
        this.pool = pool;
        this.apiPool = apiPool;
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.spoolDir = spoolDir;
        this.timezone = timezone;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("/ping".equals(path)) {
                sendText(exchange, 200, "Ok.\n");
            } else if (!authenticated(exchange)) {
                sendError(exchange, 401, CODE_AUTHENTICATION_FAILED,
                        "Code: 516. DB::Exception: " + user + ": Authentication failed. (AUTHENTICATION_FAILED)");
            } else {
                execute(exchange);
            }
        } catch (RuntimeException e) {
            System.err.println("chdb endpoint: " + e);
        }
    }

    private void execute(HttpExchange exchange) throws IOException {
        EndpointRequest request = new EndpointRequest(exchange.getRequestURI());
        String invalid = request.invalidSettingName();
        if (invalid != null) {
            sendError(exchange, 400, CODE_BAD_ARGUMENTS, "Code: 36. DB::Exception: Invalid setting name " + invalid
                    + ". (BAD_ARGUMENTS)");
            return;
        }
        Headers headers = exchange.getRequestHeaders();
        String format = firstNonNull(headers.getFirst("X-ClickHouse-Format"), request.parameters.get("default_format"),
                "TabSeparated");
        String database = firstNonNull(headers.getFirst("X-ClickHouse-Database"), request.parameters.get("database"),
                ChdbConnection.DEFAULT_DATABASE);
        InputStream body = exchange.getRequestBody();
        if (request.flag("decompress")) {
            body = new ClickHouseLZ4InputStream(body, LZ4.fastDecompressor(), ClickHouseLZ4OutputStream.UNCOMPRESSED_BUFF_SIZE);
        }
        Path spool = null;
        try {
            String sql;
            String urlQuery = request.urlQuery();
            EndpointRequest.Insert insert = urlQuery == null ? null : EndpointRequest.parseInsert(urlQuery, format);
            if (insert != null) {
                // chDB cuts inline INSERT data at the first blank line; reading a file is binary-safe.
                spool = Files.createTempFile(spoolDir, "insert-", ".bin");
                Files.copy(body, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                sql = insert.fromFile(spool.toString());
            } else {
                String bodyText = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                sql = urlQuery == null ? bodyText : bodyText.isBlank() ? urlQuery : urlQuery + "\n" + bodyText;
            }
            if (EndpointRequest.isSessionStatement(sql)) {
                sendError(exchange, 400, CODE_NOT_IMPLEMENTED, "Code: 48. DB::Exception: SET and USE are not kept"
                        + " between HTTP requests; pass settings and the database per request. (NOT_IMPLEMENTED)");
                return;
            }
            run(exchange, request, database, sql, format);
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private void run(HttpExchange exchange, EndpointRequest request, String database, String sql, String format)
            throws IOException {
        BlockingQueue<ChdbConnection> from = storage.ClickHouseAccess.API_POOL.equals(
                exchange.getRequestHeaders().getFirst(storage.ClickHouseAccess.POOL_HEADER)) ? apiPool : pool;
        ChdbConnection connection = borrow(from);
        if (connection == null) {
            sendError(exchange, 503, CODE_TOO_MANY_SIMULTANEOUS_QUERIES, "Code: 202. DB::Exception: no chDB connection "
                    + "became free within " + BORROW_WAIT_SECONDS + " s. (TOO_MANY_SIMULTANEOUS_QUERIES)");
            return;
        }
        try {
            String error = connection.prepare(database, request.settings);
            if (error != null) {
                connection.afterError();
                sendError(exchange, 500, errorCode(error), error);
                return;
            }
            try (ChdbConnection.Result result = connection.query(sql.getBytes(StandardCharsets.UTF_8), format,
                    request.parameterNames, request.parameterValues)) {
                if (result.error() != null) {
                    connection.afterError();
                    sendError(exchange, 500, errorCode(result.error()), result.error());
                } else {
                    sendResult(exchange, request, format, result);
                }
            }
        } finally {
            from.add(connection);
        }
    }

    private void sendResult(HttpExchange exchange, EndpointRequest request, String format, ChdbConnection.Result result)
            throws IOException {
        ByteBuffer data = result.data();
        Headers response = exchange.getResponseHeaders();
        response.set("X-ClickHouse-Format", format);
        response.set("X-ClickHouse-Timezone", timezone);
        response.set("X-ClickHouse-Server-Display-Name", "chdb");
        response.set("X-ClickHouse-Query-Id", firstNonNull(request.parameters.get("query_id"),
                exchange.getRequestHeaders().getFirst("X-ClickHouse-Query-Id"), UUID.randomUUID().toString()));
        response.set("X-ClickHouse-Summary", String.format(
                "{\"read_rows\":\"%d\",\"read_bytes\":\"%d\",\"written_rows\":\"%d\",\"written_bytes\":\"%d\","
                        + "\"total_rows_to_read\":\"0\",\"result_rows\":\"0\",\"result_bytes\":\"%d\"}",
                result.rowsRead(), result.bytesRead(), result.rowsWritten(), result.bytesWritten(), data.remaining()));
        response.set("Content-Type", "application/octet-stream");
        boolean compress = request.flag("compress");
        exchange.sendResponseHeaders(200, compress ? 0 : data.remaining() == 0 ? -1 : data.remaining());
        if (!compress && data.remaining() == 0) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (compress) {
            out = new ClickHouseLZ4OutputStream(out, LZ4.fastCompressor(), ClickHouseLZ4OutputStream.UNCOMPRESSED_BUFF_SIZE);
        }
        byte[] chunk = new byte[COPY_CHUNK];
        while (data.hasRemaining()) {
            int length = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, length);
            out.write(chunk, 0, length);
        }
        out.close();
    }

    /** A free connection of {@code from}, or null when none became free in time. */
    private static ChdbConnection borrow(BlockingQueue<ChdbConnection> from) {
        try {
            return from.poll(BORROW_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a chDB connection", e);
        }
    }

    private boolean authenticated(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String givenUser = headers.getFirst("X-ClickHouse-User");
        String givenKey = headers.getFirst("X-ClickHouse-Key");
        String authorization = headers.getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            givenUser = colon < 0 ? decoded : decoded.substring(0, colon);
            givenKey = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        return user.equals(givenUser) && givenKey != null
                && MessageDigest.isEqual(password, givenKey.getBytes(StandardCharsets.UTF_8));
    }

    private static int errorCode(String error) {
        Matcher matcher = ERROR_CODE.matcher(error);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1000;
    }

    private static void sendError(HttpExchange exchange, int status, int code, String message) throws IOException {
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", Integer.toString(code));
        sendText(exchange, status, message.endsWith("\n") ? message : message + "\n");
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
