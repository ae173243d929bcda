package api;

import codec.address.Network;

/**
 * The API's settings.
 *
 * @param network    the prefix answers print addresses with (stored forms are f-prefixed)
 * @param adminToken the bearer token of {@code POST /api/v1/admin/index}; blank disables it
 */
public record ApiConfig(Network network, String adminToken, long queryTimeoutMillis) {
}
