package accounts;

import java.util.List;
import java.util.Optional;

/** How projects learn what a contract address is: the index's address resolution (the API's ActorDirectory). */
public interface ContractAddresses {
    /**
     * The address as a project stores it.
     *
     * @param key     the actor ID address (f0…) when the index knows the address, else its canonical form
     * @param actorId the actor ID, or null when the index does not know the address (pending)
     */
    record Resolved(String key, Long actorId) {
    }

    /** Parses any address form (400 when it is none) and resolves it through the index. */
    Resolved resolve(String raw);

    /** Every stored form of the actor behind an address a project may hold (ID, robust, f410, 0x); empty if unknown. */
    List<String> forms(String raw);

    /** The actor ID of a stored pending address once the index has learned it. */
    Optional<Long> learn(String key);

    /** How answers print an address key (network prefix). */
    String print(String key);
}
