package contracts;

/**
 * An EVM contract's bytecode as hex ({@code 0x…}), its keccak-256, and where it came from:
 * {@code eth_getcode} (the runtime code, from the node) or {@code initcode} (the creation params,
 * when the node does not offer EthGetCode there); {@code none} with empty strings otherwise.
 */
record Bytecode(String hex, String hash, String source) {
    static final String FROM_NODE = "eth_getcode";
    static final String FROM_INITCODE = "initcode";
    static final Bytecode NONE = new Bytecode("", "", "none");
}
