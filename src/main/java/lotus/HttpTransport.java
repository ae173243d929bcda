package lotus;

import filflow.Redact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;

/**
 * One JSON-RPC POST over {@link HttpURLConnection}. Chosen by measurement over java.net.http:
 * it streams large answers several times faster on loopback (see LotusTransportBenchmark), and the
 * JDK keeps connections alive as long as each body is read to the end and closed.
 */
final class HttpTransport {
    private final URL url;
    /** The URL as messages show it: no credentials, query or key-like path segments. */
    private final String shownUrl;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    HttpTransport(LotusClientConfig config) {
        try {
            this.url = config.url().toURL();
            this.shownUrl = Redact.url(config.url().toString());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("lotus.url is not a URL: " + Redact.text(config.url().toString()), e);
        }
        this.authorization = config.token() == null ? null : "Bearer " + config.token();
        this.connectTimeoutMillis = Math.toIntExact(config.connectTimeout().toMillis());
        this.readTimeoutMillis = Math.toIntExact(config.readTimeout().toMillis());
    }

    /** An HTTP answer whose body has not been read yet. */
    static final class Answer implements AutoCloseable {
        private final HttpURLConnection connection;
        private final int status;
        private final InputStream body;

        private Answer(HttpURLConnection connection, int status, InputStream body) {
            this.connection = connection;
            this.status = status;
            this.body = body == null ? InputStream.nullInputStream() : body;
        }

        int status() {
            return status;
        }

        InputStream body() {
            return body;
        }

        /** Reads what is left so the connection goes back to the keep-alive pool. */
        @Override
        public void close() throws IOException {
            try (InputStream in = body) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }

        /** Drops the connection without reading the rest (e.g. a reader gave up on a large answer). */
        void abort() {
            connection.disconnect();
        }
    }

    Answer post(String method, byte[] request) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(connectTimeoutMillis);
            c.setReadTimeout(readTimeoutMillis);
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Accept", "application/json");
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            // No fixed-length streaming: the buffered body leaves with the headers in one write,
            // where streaming mode's two writes met Nagle + delayed ACK (~7x slower small calls).
            c.connect();
        } catch (ConnectException | NoRouteToHostException | UnknownHostException | SocketTimeoutException e) {
            throw new LotusTransportException(method, LotusTransportException.Stage.CONNECT, 0,
                    "cannot connect to " + shownUrl + ": " + Redact.text(e.getMessage()), e);
        } catch (IOException e) {
            throw new LotusTransportException(method, LotusTransportException.Stage.CONNECT, 0,
                    "cannot open " + shownUrl + ": " + Redact.text(e.getMessage()), e);
        }
        try {
            try (OutputStream out = c.getOutputStream()) {
                out.write(request);
            }
            int status = c.getResponseCode();
            InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
            return new Answer(c, status, body);
        } catch (SocketTimeoutException e) {
            c.disconnect();
            throw new LotusTransportException(method, LotusTransportException.Stage.EXCHANGE, 0,
                    "no answer within " + readTimeoutMillis + " ms (lotus.read-timeout)", e);
        } catch (IOException e) {
            c.disconnect();
            throw new LotusTransportException(method, LotusTransportException.Stage.EXCHANGE, 0,
                    "exchange with " + shownUrl + " failed: " + Redact.text(e.toString()), e);
        }
    }
}
