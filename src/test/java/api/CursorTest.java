package api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
    @Test
    void roundTripsTheKeysOfItsList() {
        String c = Cursor.encode("messages-by-address", 3573064L, "bafy2bzaceabc");
        Cursor back = Cursor.decode(c, "messages-by-address", 2);
        assertThat(back.number(0)).isEqualTo(3573064L);
        assertThat(back.text(1)).isEqualTo("bafy2bzaceabc");
        assertThat(c).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void absentCursorMeansFirstPage() {
        assertThat(Cursor.decode(null, "x", 1)).isNull();
        assertThat(Cursor.decode("", "x", 1)).isNull();
    }

    @Test
    void refusesACursorOfAnotherList() {
        String c = Cursor.encode("tipsets", 5L);
        assertThatThrownBy(() -> Cursor.decode(c, "messages-by-height", 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "abc", "W10", "WyJ0aXBzZXRzIiwxXQ", "not base64 at all!", "' OR 1=1 --"})
    void refusesDamagedCursors(String raw) {
        assertThatThrownBy(() -> Cursor.decode(raw, "tipsets", 1).number(0))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void refusesANonNumericKeyWhereANumberIsExpected() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"tipsets\",\"1e99\"]".getBytes());
        assertThatThrownBy(() -> Cursor.decode(forged, "tipsets", 1).number(0)).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesOversizedCursors() {
        assertThatThrownBy(() -> Cursor.decode("A".repeat(10_000), "tipsets", 1))
                .hasMessageContaining("longer than");
    }
}
