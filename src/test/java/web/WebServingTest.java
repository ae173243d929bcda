package web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.ApiErrorConfiguration;
import routes.WebRoutes;

/**
 * The explorer's files on the API's server, as built by Maven (bin/build-ui into target/classes/webapp):
 * API routes keep their paths, client-side routes get the page shell uncached, hashed assets are
 * cached for good, and nothing else of the classpath is reachable. Also the CORS setting.
 */
class WebServingTest {
    private static final String ALLOWED = "https://ui.example.org";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        main = new Main();
        // the web routes first on purpose: they must still never shadow an API path
        main.configure().addRoutesBuilder(new WebRoutes());
        main.configure().addRoutesBuilder(new ApiErrorConfiguration());
        main.addMainListener(new api.ExplorerApiBinder());
        main.addOverrideProperty("camel.main.base-package-scan", "web.none");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:routes/api-*.camel.yaml");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty(CorsPolicy.SETTING, ALLOWED + ", http://localhost:5173");
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void clientSideRoutesGetThePageShellRevalidatedEveryTime() throws Exception {
        String built = Files.readString(Path.of("target/classes/webapp/index.html"));
        for (String path : new String[] {"/", "/tipset/3573063", "/message/bafy2bzaceabc", "/address/f01234",
                "/no/such/page", "/application.properties", "/web/index.html", "/db/clickhouse/001_init.sql"}) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo(built);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("script-src 'self'"));
        }
    }

    @Test
    void hashedAssetsAreCachedForAYearAndGzippedOnRequest() throws Exception {
        String index = Files.readString(Path.of("target/classes/webapp/index.html"));
        Matcher m = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(m.find()).as("index.html loads a hashed script").isTrue();
        String path = m.group(1);
        byte[] onDisk = Files.readAllBytes(Path.of("target/classes/webapp" + path));

        HttpResponse<byte[]> plain = getBytes(path, null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(onDisk);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

        HttpResponse<byte[]> gz = getBytes(path, "gzip, deflate");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(onDisk.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(onDisk);
        }

        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void missingAssetsAre404AndNoOtherClasspathFileIsReachable() throws Exception {
        for (String path : new String[] {"/assets/nope-123.js", "/assets/sub/dir.js", "/assets/%2e%2e%2fapplication.properties"}) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
        }
        for (String path : new String[] {"/assets/../application.properties", "/assets/%2e%2e/application.properties",
                "/../application.properties", "/routes/index-heights.camel.yaml", "/filflow/FilflowMain.class"}) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.body()).as(path).doesNotContain("camel.main").doesNotContain("route").doesNotContain("CAFEBABE");
        }
    }

    @Test
    void apiPathsStayTheApis() throws Exception {
        // no ClickHouse here: the API route answers (503 JSON), not the page shell
        HttpResponse<String> tipset = get("/api/v1/tipsets/1", null);
        assertThat(tipset.statusCode()).isEqualTo(503);
        assertThat(tipset.body()).contains("\"error\"");
        HttpResponse<String> unknown = get("/api/v1/no-such-endpoint", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(unknown.body()).contains("NOT_FOUND");
        assertThat(get("/api/v1/openapi.json", null).body()).contains("openapi");
    }

    @Test
    void corsHeadersOnlyForConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = get("/api/v1/tipsets/1", ALLOWED);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        HttpResponse<String> other = get("/api/v1/tipsets/1", "https://evil.example.com");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get("/api/v1/tipsets/1", null).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> preflight = options("/api/v1/projects", ALLOWED);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                h -> assertThat(h).contains("Authorization"));
        assertThat(options("/api/v1/projects", "https://evil.example.com").statusCode()).isEqualTo(403);
    }

    @Test
    void policyParsing() {
        assertThat(CorsPolicy.parse("").enabled()).isFalse();
        assertThat(CorsPolicy.parse(null).enabled()).isFalse();
        assertThat(CorsPolicy.parse(" https://A.example/ ").allows("https://a.example")).isTrue();
        assertThat(CorsPolicy.parse("https://a.example").allows("https://a.example.evil.com")).isFalse();
        assertThat(CorsPolicy.parse("*").allows("http://anything")).isTrue();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> get(String path, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> getBytes(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> options(String path, String origin) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
