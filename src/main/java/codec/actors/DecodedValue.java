package codec.actors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decoded params or return value. {@code named} is true when a schema for the actor and method
 * gave field names; otherwise {@code json} is the generic DAG-JSON of the bytes and {@code note}
 * says why (no schema, schema mismatch, undecodable bytes).
 */
public record DecodedValue(JsonNode json, boolean named, String note) {
}
