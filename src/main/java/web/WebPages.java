package web;

import api.ApiJson;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Answers every GET that no API route took: hashed assets (cached for a year), the page shell
 * {@code index.html} for client-side routes such as {@code /tipset/123} (revalidated every time),
 * and a JSON 404 for unknown paths under the API prefixes, so API clients never get HTML.
 */
public final class WebPages {
    /** Path prefixes that belong to machine interfaces, never to the explorer's pages. */
    static final List<String> API_PREFIXES = List.of("/api/", "/rosetta/", "/v2/", "/observe/");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String FOREVER = "public, max-age=31536000, immutable";

    private final StaticSite site;

    public WebPages(StaticSite site) {
        this.site = site;
    }

    public void answer(Exchange exchange) {
        Message in = exchange.getMessage();
        String path = requestPath(in);
        String ifNoneMatch = in.getHeader("If-None-Match", String.class);
        String acceptEncoding = in.getHeader("Accept-Encoding", String.class);
        in.removeHeaders("*");
        if (path.equals("/rosetta") || path.startsWith("/rosetta/")) {
            // Rosetta answers every error as its Error object with HTTP 500; its endpoints are POST only
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            in.setHeader(Exchange.CONTENT_TYPE, "application/json");
            in.setBody(ApiJson.write(rosetta.RosettaError.NOT_FOUND.json("no GET endpoint: " + path + " (Rosetta endpoints are POST)")));
            return;
        }
        if (isApiPath(path)) {
            json404(in, "no such endpoint: " + path);
            return;
        }
        Optional<StaticSite.Asset> asset = StaticSite.isAssetPath(path) ? site.asset(path) : site.index();
        if (asset.isEmpty()) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            in.setBody(StaticSite.isAssetPath(path) ? "not found: " + path + "\n"
                    : "the explorer UI is not built into this jar (bin/build-ui); the API is at /api/v1/\n");
            return;
        }
        write(in, asset.get(), ifNoneMatch, acceptEncoding);
    }

    private static void write(Message out, StaticSite.Asset a, String ifNoneMatch, String acceptEncoding) {
        out.setHeader("Cache-Control", a.immutable() ? FOREVER : "no-cache");
        out.setHeader("ETag", a.etag());
        out.setHeader("Vary", "Accept-Encoding");
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("Referrer-Policy", "no-referrer");
        if (!a.immutable()) {
            out.setHeader("Content-Security-Policy", CSP);
        }
        if (a.etag().equals(ifNoneMatch)) {
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            out.setBody(null);
            return;
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, a.contentType());
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase().contains("gzip");
        if (gzip) {
            out.setHeader("Content-Encoding", "gzip");
        }
        out.setBody(gzip ? a.gzipped() : a.bytes());
    }

    static boolean isApiPath(String path) {
        return path.equals("/api") || API_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private static String requestPath(Message in) {
        String path = in.getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty()) {
            path = in.getHeader(Exchange.HTTP_URI, "/", String.class);
            int q = path.indexOf('?');
            path = q >= 0 ? path.substring(0, q) : path;
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    private static void json404(Message out, String message) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(ApiJson.write(ApiJson.error("NOT_FOUND", message)));
    }
}
