package api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admin authentication and body validation come before the jobs; without jobs a valid request is a 503. */
class OperationsEndpointTest {
    private static final String TOKEN = "test-admin-token";
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(Map.of(), Map.of("admin.token", TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            <none>                  | `{"heights":[1]}`               | 401 | UNAUTHORIZED
            Basic dXNlcjpwYXNz      | `{"heights":[1]}`               | 401 | UNAUTHORIZED
            Bearer wrong            | `{"heights":[1]}`               | 403 | FORBIDDEN
            Bearer test-admin-toke  | `{"heights":[1]}`               | 403 | FORBIDDEN
            Bearer test-admin-token | `not json`                      | 400 | INVALID_BODY
            Bearer test-admin-token | `[1,2]`                         | 400 | INVALID_BODY
            Bearer test-admin-token | `{}`                            | 400 | INVALID_BODY
            Bearer test-admin-token | `{"heights":[1],"from":1}`      | 400 | INVALID_BODY
            Bearer test-admin-token | `{"heights":[]}`                | 400 | INVALID_BODY
            Bearer test-admin-token | `{"heights":"5"}`               | 400 | INVALID_BODY
            Bearer test-admin-token | `{"heights":[-1]}`              | 400 | INVALID_HEIGHT
            Bearer test-admin-token | `{"heights":[1.5]}`             | 400 | INVALID_HEIGHT
            Bearer test-admin-token | `{"heights":[99999999999999999999999]}` | 400 | INVALID_HEIGHT
            Bearer test-admin-token | `{"heights":["1; DROP TABLE x"]}` | 400 | INVALID_HEIGHT
            Bearer test-admin-token | `{"from":10,"to":1}`            | 400 | INVALID_RANGE
            Bearer test-admin-token | `{"from":10}`                   | 400 | INVALID_HEIGHT
            Bearer test-admin-token | `{"heights":[1,2,3]}`           | 503 | DEPENDENCY_UNAVAILABLE
            Bearer test-admin-token | `{"from":1,"to":3}`             | 503 | DEPENDENCY_UNAVAILABLE
            """)
    void guardsTheAdminEndpoint(String authorization, String body, int status, String code) throws Exception {
        ApiServer.Answer a = server.post("/api/v1/admin/index", body, "<none>".equals(authorization) ? null : authorization);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(ApiJson.MAPPER.readTree(a.body()).at("/error/code").asText()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/status"})
    void statusWithoutJobsIsA503(String path) throws Exception {
        ApiServer.Answer a = server.get(path);
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.body()).contains("indexing jobs are not running");
    }
}
