package api;

import codec.address.AddressException;
import codec.cid.Cid;
import codec.cid.InvalidCidException;
import java.util.regex.Pattern;

/**
 * What a search string is, decided from its shape alone: a height, a CID (message, block or
 * tipset: storage decides), an Ethereum transaction hash, an address in any form, or free text
 * (a project name). {@code hint} says why a string that looked like an address or CID is not one.
 */
public record SearchQuery(Kind kind, String text, long height, Cid cid, String ethHash, AddressInput address, String hint) {
    public enum Kind { HEIGHT, CID, ETH_HASH, ADDRESS, TEXT }

    private static final int MAX_LENGTH = 200;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CID_LIKE = Pattern.compile("b[a-z2-7]{20,}|Qm[1-9A-HJ-NP-Za-km-z]{44}");
    private static final Pattern ADDRESS_LIKE = Pattern.compile("(?i)([ft][0-4][0-9a-z]+|0x[0-9a-f]{40})");

    public static SearchQuery classify(String raw) {
        String q = RequestParams.required("q", raw);
        if (q.length() > MAX_LENGTH) {
            throw ApiException.badRequest("INVALID_QUERY", "q is " + q.length() + " characters; at most " + MAX_LENGTH + " are searched");
        }
        if (DIGITS.matcher(q).matches()) {
            return new SearchQuery(Kind.HEIGHT, q, RequestParams.height("q", q), null, null, null, null);
        }
        if (RequestParams.isEthHash(q)) {
            return new SearchQuery(Kind.ETH_HASH, q, -1, null, RequestParams.ethHash(q), null, null);
        }
        String hint = null;
        if (ADDRESS_LIKE.matcher(q).matches()) {
            try {
                return new SearchQuery(Kind.ADDRESS, q, -1, null, null, AddressInput.parse(q), null);
            } catch (AddressException e) {
                hint = "not a valid address: " + e.getMessage();
            }
        }
        if (CID_LIKE.matcher(q).matches()) {
            try {
                return new SearchQuery(Kind.CID, q, -1, Cid.parse(q), null, null, null);
            } catch (InvalidCidException e) {
                hint = "not a valid CID: " + e.getMessage();
            }
        }
        return new SearchQuery(Kind.TEXT, q, -1, null, null, null, hint);
    }
}
