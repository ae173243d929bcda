package filflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import api.ExplorerApiBinder;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.ApiErrorConfiguration;

/**
 * {@code ROUTES_DIR} + {@code ROUTES_RELOAD=true} on a running application: an edited route file changes
 * what the running route does; a broken edit (bad YAML, or an endpoint without a component) is rejected
 * and the route keeps answering as before.
 */
class RoutesReloadTest {
    private static final String FILE = "api-search.camel.yaml";
    private static final String HANDLER_STEP = "- bean: {ref: searchEndpoints, method: address}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    @TempDir
    Path scratch;

    @Test
    void anEditedRouteFileChangesTheRunningRouteAndABrokenEditIsRejected() throws Exception {
        String original;
        try (InputStream in = getClass().getResourceAsStream("/routes/" + FILE)) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(original).contains(HANDLER_STEP);
        Files.writeString(dir.resolve(FILE), original);
        int port = freePort();
        Main main = new Main();
        main.addMainListener(new RoutesFolder());
        main.configure().addRoutesBuilder(new ApiErrorConfiguration());
        main.addMainListener(new ExplorerApiBinder());
        main.addOverrideProperty("camel.main.base-package-scan", "none");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty(ConfigKey.ROUTES_DIR.property(), dir.toString());
        main.addOverrideProperty(ConfigKey.ROUTES_RELOAD.property(), "true");
        main.start();
        try {
            URI address = URI.create("http://127.0.0.1:" + port + "/api/v1/addresses/f01234");
            assertThat(get(address)).contains("\"valid\":true").contains("\"id\":\"f01234\"");
            RouteReloader reloader = main.getCamelContext().hasService(RouteReloader.class);
            assertThat(reloader).as("the reload watcher runs").isNotNull();

            replace(original.replace(HANDLER_STEP, "- setBody: {constant: edited-by-an-operator}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> get(address).equals("edited-by-an-operator"));
            assertThat(reloader.reloads()).isEqualTo(1);

            replace(original.replace(HANDLER_STEP, "- noSuchStep: {constant: x}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> reloader.rejections() == 1);
            assertThat(get(address)).isEqualTo("edited-by-an-operator");

            replace(original.replace(HANDLER_STEP, "- to: {uri: \"nosuchcomponent:anywhere\"}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> reloader.rejections() == 2);
            assertThat(get(address)).isEqualTo("edited-by-an-operator");
            assertThat(main.getCamelContext().getRoute("api-address")).isNotNull();
        } finally {
            main.stop();
        }
    }

    /** Writes the file whole (temp file + atomic move), so the watcher never sees half an edit. */
    private void replace(String content) throws IOException {
        Path temp = scratch.resolve(FILE + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
