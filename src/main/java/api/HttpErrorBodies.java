package api;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import rosetta.RosettaError;
import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Gives the answers the HTTP server makes by itself the same JSON error body as every API error
 * ({@code {"error": {"code", "message"}}}): requests Vert.x refuses before routing (a request line
 * over 4 KiB: 414, headers too large: 431, a malformed request: 400), and those the router refuses
 * (unknown path 404, method 405, body over {@code camel.server.maxBodySize} 413). Under
 * {@code /rosetta} they are the Rosetta specification's Error object with HTTP 500 instead.
 * <p>
 * Camel's platform-http server creates its {@link HttpServer} itself and offers no hook before it
 * listens, and Vert.x reads the invalid-request handler only when listening. It does take a
 * {@link Vertx} from the registry, so {@link #install} binds one whose servers get that handler,
 * and whose routers get JSON error pages when they are made the servers' request handlers.
 * <p>
 * The same hook lifts Vert.x's form limits (8 KiB per field, 1 KiB buffered while decoding) to the
 * body limit: Etherscan's API takes a whole standard JSON input as one form field
 * ({@code sourceCode}), which hardhat-verify and forge send far larger than 8 KiB. And it puts
 * {@link RequestAdmission}'s gate first on every router, before any request reaches Camel.
 */
public final class HttpErrorBodies {
    private static final List<Integer> ROUTER_STATUSES = List.of(400, 404, 405, 413, 414, 415, 431);

    private HttpErrorBodies() {
    }

    /** Before the HTTP servers start: binds the Vert.x they will use, whose servers and routers answer JSON errors. */
    public static void install(CamelContext context) {
        if (context.getRegistry().findSingleByType(Vertx.class) == null) {
            Vertx vertx = Vertx.vertx(new VertxOptions());
            int maxBody = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.maxBodySize}}").trim());
            RequestAdmission admission = RequestAdmission.of(context);
            context.getRegistry().bind(RequestAdmission.BEAN, admission);
            context.getRegistry().bind("filflowVertx", Vertx.class, withJsonInvalidRequests(vertx, maxBody, admission.gate()));
            context.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext stopped) {
                    vertx.close();
                }
            });
        }
    }

    /** 404, 405, 413 … made by the router itself answer the JSON error body. */
    public static void onRouterErrors(Router router) {
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, ctx -> write(ctx.response(), status, ctx.request().path()));
        }
    }

    /** The request Vert.x could not decode: the status it would give, with the JSON error body, then close. */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        if (cause instanceof TooLongFrameException && cause.getMessage() != null) {
            if (cause.getMessage().startsWith("An HTTP line is larger than")) {
                status = 414;
            } else if (cause.getMessage().startsWith("HTTP header is larger than")) {
                status = 431;
            }
        }
        request.response().putHeader("Connection", "close");
        write(request.response(), status, request.path());
    }

    private static void write(HttpServerResponse response, int status, String path) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        if (path != null && (path.equals("/rosetta") || path.startsWith("/rosetta/"))) {
            // the Rosetta API answers every error as its Error object with HTTP 500
            RosettaError error = switch (status) {
                case 404, 405 -> RosettaError.NOT_FOUND;
                case 413 -> RosettaError.REQUEST_TOO_LARGE;
                default -> RosettaError.INVALID_REQUEST;
            };
            response.setStatusCode(500)
                    .putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(ApiJson.write(error.json(message(status)))));
            return;
        }
        byte[] body = ApiJson.write(ApiJson.error(code(status), message(status)));
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    static String code(int status) {
        return switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "BODY_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> "BAD_REQUEST";
        };
    }

    static String message(int status) {
        return switch (status) {
            case 404 -> "no such resource; see /api/v1/openapi.json for the endpoints";
            case 405 -> "this method is not allowed on this resource; see /api/v1/openapi.json";
            case 413 -> "the request body is larger than this server takes";
            case 414 -> "the request line is longer than 4096 bytes; no valid parameter needs that much";
            case 415 -> "unsupported content type; send application/json";
            case 431 -> "the request headers are larger than this server takes";
            default -> "the request could not be read as HTTP";
        };
    }

    /**
     * {@code vertx}, except that every HTTP server it creates answers undecodable requests with the
     * JSON body and decodes form fields as large as the whole body may be ({@code maxBody} bytes).
     */
    static Vertx withJsonInvalidRequests(Vertx vertx, int maxBody, Handler<RoutingContext> gate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                    && args[0] instanceof io.vertx.core.http.HttpServerOptions options) {
                options.setMaxFormAttributeSize(maxBody).setMaxFormBufferedBytes(maxBody);
            }
            Object result = invoke(vertx, method, args);
            if (result instanceof HttpServer server && method.getName().equals("createHttpServer")) {
                Handler<HttpServerRequest> invalid = HttpErrorBodies::invalidRequest;
                server.invalidRequestHandler(invalid);
                return withRouterErrorPages(server, gate);
            }
            return result;
        };
        return (Vertx) Proxy.newProxyInstance(HttpErrorBodies.class.getClassLoader(), interfaces(vertx), handler);
    }

    /** {@code server}, except that a router given as its request handler gets the JSON error pages and {@code gate} first. */
    private static HttpServer withRouterErrorPages(HttpServer server, Handler<RoutingContext> gate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("requestHandler") && args != null && args.length == 1 && args[0] instanceof Router r) {
                onRouterErrors(r);
                r.route().order(Integer.MIN_VALUE).handler(gate);
            }
            return invoke(server, method, args);
        };
        return (HttpServer) Proxy.newProxyInstance(HttpErrorBodies.class.getClassLoader(), interfaces(server), handler);
    }

    private static Class<?>[] interfaces(Object target) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        return interfaces.toArray(Class<?>[]::new);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
