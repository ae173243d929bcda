package rosetta;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every error the Rosetta API answers, as {@code /network/options} lists them. The Rosetta
 * specification fixes code, message and retriable per error (clients check them against that list),
 * so what varies with the request goes into {@code details.reason}, never into the message.
 */
public enum RosettaError {
    INVALID_REQUEST(1, "Invalid request", false,
            "The body is not a JSON object of the endpoint's request type: a field is missing, has the wrong type, or is out of range."),
    UNSUPPORTED_NETWORK(2, "Network not supported", false,
            "The network_identifier is not one /network/list answers."),
    BLOCK_NOT_FOUND(3, "Block not found", false,
            "No indexed canonical tipset has this hash, or index and hash name different tipsets."),
    BLOCK_NOT_INDEXED(4, "Block not indexed yet", true,
            "The index is above the highest indexed height or in a range not indexed yet; it may be answerable later."),
    BLOCK_BELOW_RANGE(5, "Block below the served range", false,
            "The block is older than the oldest block this server answers (network/status oldest_block_identifier)."),
    TRANSACTION_NOT_FOUND(6, "Transaction not found", false,
            "The block holds no message with this CID."),
    INVALID_ACCOUNT(7, "Invalid account address", false,
            "account_identifier.address is not a Filecoin address of this network."),
    ACCOUNT_NOT_FOUND(8, "Account not found", false,
            "No indexed actor has this address: its balance is not known here."),
    UNSUPPORTED_CURRENCY(9, "Currency not supported", false,
            "Only FIL with 18 decimals exists on Filecoin."),
    UNAVAILABLE(10, "Service unavailable", true,
            "A storage engine filflow reads from is down or too slow; retry later."),
    NOT_FOUND(11, "Endpoint not found", false,
            "No Rosetta endpoint has this path and method; every endpoint is POST."),
    REQUEST_TOO_LARGE(12, "Request too large", false,
            "The request body is larger than this server accepts."),
    INTERNAL(13, "Internal error", false,
            "An unexpected failure inside filflow; a bug, please report it."),
    BALANCE_GAP(14, "Balance history has a gap", true,
            "A height between the account's starting snapshot and the block is not indexed, so its balance there is not"
            + " known yet; it is answerable once the gap is indexed."),
    BALANCE_UNKNOWN(15, "Balance not known at this block", false,
            "The block is before the account's starting snapshot (the node's state read where filflow first saw it), or"
            + " the block range was indexed without execution traces so sub-call value moves are unknown.");

    private final int code;
    private final String message;
    private final boolean retriable;
    private final String description;

    RosettaError(int code, String message, boolean retriable, String description) {
        this.code = code;
        this.message = message;
        this.retriable = retriable;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public boolean retriable() {
        return retriable;
    }

    /** The Error object as /network/options lists it. */
    public ObjectNode json() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("code", code);
        e.put("message", message);
        e.put("description", description);
        e.put("retriable", retriable);
        return e;
    }

    /** The Error object of one answer: the listed one with the reason in {@code details}. */
    public ObjectNode json(String reason) {
        ObjectNode e = json();
        if (reason != null) {
            e.putObject("details").put("reason", reason);
        }
        return e;
    }

    /** An exception answering this error with the reason in details. */
    public RosettaException because(String reason) {
        return new RosettaException(this, reason);
    }
}
