package api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchQueryTest {
    @Test
    void classifiesEachKindByShape() {
        assertThat(SearchQuery.classify("3573064").kind()).isEqualTo(SearchQuery.Kind.HEIGHT);
        assertThat(SearchQuery.classify("3573064").height()).isEqualTo(3573064L);
        assertThat(SearchQuery.classify("0x" + "ab".repeat(32)).kind()).isEqualTo(SearchQuery.Kind.ETH_HASH);
        assertThat(SearchQuery.classify("0x" + "AB".repeat(32)).ethHash()).isEqualTo("0x" + "ab".repeat(32));
        assertThat(SearchQuery.classify("f01234").kind()).isEqualTo(SearchQuery.Kind.ADDRESS);
        assertThat(SearchQuery.classify("t01234").kind()).isEqualTo(SearchQuery.Kind.ADDRESS);
        assertThat(SearchQuery.classify("0xff000000000000000000000000000000000004d2").address().canonical()).isEqualTo("f01234");
        assertThat(SearchQuery.classify("bafy2bzacebzmz3bdv2ofqmc7cmcchs7r5gxatlcpcsxuzbvmyx7upe6gln7is").kind())
                .isEqualTo(SearchQuery.Kind.CID);
        assertThat(SearchQuery.classify("my project").kind()).isEqualTo(SearchQuery.Kind.TEXT);
    }

    @Test
    void explainsAnAddressThatIsAlmostOne() {
        SearchQuery q = SearchQuery.classify("f1abcdefghijklmnopqrstuvwxyz234567abcdefg");
        assertThat(q.kind()).isEqualTo(SearchQuery.Kind.TEXT);
        assertThat(q.hint()).startsWith("not a valid address");
    }
}
