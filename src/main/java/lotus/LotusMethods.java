package lotus;

import codec.address.Address;
import codec.cid.Cid;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The typed Lotus methods, each one JSON-RPC call through {@link #call}. An empty
 * {@link TipSetKey} means "at the head", as in Lotus.
 */
public abstract class LotusMethods {
    private static final ResultReader<TipSet> TIPSET = ResultReader.of(TipSet.class);
    private static final ResultReader<Address> ADDRESS = ResultReader.of(Address.class);

    public abstract <T> T call(String method, ResultReader<T> reader, Object... params);

    public abstract <T> T callFiltered(String method, UnaryOperator<InputStream> bodyFilter, ResultReader<T> reader,
                                       Object... params);

    public TipSet chainHead() {
        return call("ChainHead", TIPSET);
    }

    /** The tipset at {@code height}, or for a null round the nearest one below it, on the chain of {@code head}. */
    public TipSet chainGetTipSetByHeight(long height, TipSetKey head) {
        return call("ChainGetTipSetByHeight", TIPSET, height, head);
    }

    public TipSet chainGetTipSet(TipSetKey key) {
        return call("ChainGetTipSet", TIPSET, key);
    }

    public BlockHeader chainGetBlock(Cid block) {
        BlockHeader header = call("ChainGetBlock", ResultReader.of(BlockHeader.class), block);
        return header == null ? null : header.withCid(block);
    }

    public BlockMessages chainGetBlockMessages(Cid block) {
        return call("ChainGetBlockMessages", ResultReader.of(BlockMessages.class), block);
    }

    /** The messages executed on top of this block's parent tipset, deduplicated, in execution order. */
    public List<ParentMessage> chainGetParentMessages(Cid block) {
        return nonNull(call("ChainGetParentMessages", ResultReader.of(new TypeReference<List<ParentMessage>>() { }), block));
    }

    public List<MessageReceipt> chainGetParentReceipts(Cid block) {
        return nonNull(call("ChainGetParentReceipts", ResultReader.of(new TypeReference<List<MessageReceipt>>() { }), block));
    }

    /**
     * Executes the tipset at {@code height} and streams the answer ({@code {Root, Trace:[…]}},
     * 15–19 MB on mainnet) to {@code reader} as it arrives.
     */
    public <T> T stateCompute(long height, TipSetKey key, ResultReader<T> reader) {
        return call("StateCompute", reader, height, List.of(), key);
    }

    /** As above, the body passed through {@code bodyFilter} first (e.g. {@code trace.GasChargeSummarizer::new}). */
    public <T> T stateCompute(long height, TipSetKey key, UnaryOperator<InputStream> bodyFilter, ResultReader<T> reader) {
        return callFiltered("StateCompute", bodyFilter, reader, height, List.of(), key);
    }

    /** Replays one message of the tipset {@code key} (one InvocResult, streamed to {@code reader}). */
    public <T> T stateReplay(TipSetKey key, Cid message, ResultReader<T> reader) {
        return call("StateReplay", reader, key, message);
    }

    public Address stateLookupId(Address address, TipSetKey key) {
        return call("StateLookupID", ADDRESS, address, key);
    }

    public Address stateAccountKey(Address address, TipSetKey key) {
        return call("StateAccountKey", ADDRESS, address, key);
    }

    public Address stateLookupRobustAddress(Address address, TipSetKey key) {
        return call("StateLookupRobustAddress", ADDRESS, address, key);
    }

    public Actor stateGetActor(Address address, TipSetKey key) {
        return call("StateGetActor", ResultReader.of(Actor.class), address, key);
    }

    public String stateNetworkName() {
        return call("StateNetworkName", ResultReader.of(String.class));
    }

    public int stateNetworkVersion(TipSetKey key) {
        return call("StateNetworkVersion", ResultReader.of(Integer.class), key);
    }

    /** Actor name ({@code "account"}, {@code "evm"}, ...) to builtin code CID for a network version. */
    public Map<String, Cid> stateActorCodeCids(int networkVersion) {
        return call("StateActorCodeCIDs", ResultReader.of(new TypeReference<Map<String, Cid>>() { }), networkVersion);
    }

    /** The events under a receipt's {@code EventsRoot}. */
    public List<ChainEvent> chainGetEvents(Cid eventsRoot) {
        return nonNull(call("ChainGetEvents", ResultReader.of(new TypeReference<List<ChainEvent>>() { }), eventsRoot));
    }

    public List<ActorEvent> getActorEventsRaw(ActorEventFilter filter) {
        return nonNull(call("GetActorEventsRaw", ResultReader.of(new TypeReference<List<ActorEvent>>() { }), filter));
    }

    public List<EthLog> ethGetLogs(EthFilter filter) {
        return nonNull(call("EthGetLogs", ResultReader.of(new TypeReference<List<EthLog>>() { }), filter));
    }

    /** The EVM bytecode at {@code address} ({@code 0x…}) as of {@code block} ({@code "latest"}, {@code "0x…"}). */
    public byte[] ethGetCode(String address, String block) {
        return hexBytes(call("EthGetCode", ResultReader.of(String.class), address, block));
    }

    public byte[] ethCall(EthCallRequest request, String block) {
        return hexBytes(call("EthCall", ResultReader.of(String.class), request, block));
    }

    /** The {@code 0x} form of an f0/f410 address (others are resolved to their ID by the node first). */
    public String filecoinAddressToEthAddress(Address address) {
        return call("FilecoinAddressToEthAddress", ResultReader.of(String.class), address);
    }

    public Address ethAddressToFilecoinAddress(String ethAddress) {
        return call("EthAddressToFilecoinAddress", ADDRESS, ethAddress);
    }

    public NodeVersion version() {
        return call("Version", ResultReader.of(NodeVersion.class));
    }

    private static byte[] hexBytes(String hex) {
        try {
            return hex == null ? new byte[0] : EthHex.bytes(hex);
        } catch (IllegalArgumentException e) {
            throw new LotusProtocolException("Eth", e.getMessage(), e);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
