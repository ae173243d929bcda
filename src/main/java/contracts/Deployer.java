package contracts;

/** The deployer of a contract in every form it has; '' where it has none (or the node did not say). */
record Deployer(long id, String robust, String delegated, String eth) {
}
