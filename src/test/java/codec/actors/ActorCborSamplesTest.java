package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.cbor.CborDecodingException;
import codec.cbor.DagCborJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every raw sample under fixtures/lotus/actor-cbor decodes; known methods decode with names. */
class ActorCborSamplesTest {
    private static final ActorMethods TABLE = ActorMethods.load();

    /**
     * Recorded samples whose bytes are not what their folder's method takes or returns (test
     * material from other tools): they must still decode, generically, with the reason in the note.
     */
    private static final Map<String, String> NOT_THE_METHODS_SHAPE = Map.of(
            "account/PubkeyAddress/Params", "PubkeyAddress takes no params; the sample is a 4-element array",
            "multisig/UniversalReceiverHook/Params", "a bare integer 23, not [Type, Payload]",
            "storagemarket/WithdrawBalance/Return", "ASCII text 'this is an arrya of bytes', not a token amount",
            "storagemarket/WithdrawBalanceExported/Return", "ASCII text 'this is an arrya of bytes', not a token amount",
            "storageminer/ControlAddresses/Params", "ControlAddresses takes no params; the sample is the integer 324",
            "storageminer/GetBeneficiary/Params", "GetBeneficiary takes no params; the sample is [[]]",
            "storagepower/Constructor/Params", "the power actor's constructor takes no params; the sample is miner constructor params");

    /** Field names the named decodings must produce, in order. */
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("eam/Create/Params", List.of("Initcode", "Nonce")),
            Map.entry("eam/Create/Return", List.of("ActorID", "RobustAddress", "EthAddress")),
            Map.entry("eam/Create2/Params", List.of("Initcode", "Salt")),
            Map.entry("eam/CreateExternal/Params", List.of("Initcode")),
            Map.entry("eam/CreateExternal/Return", List.of("ActorID", "RobustAddress", "EthAddress")),
            Map.entry("init/Exec/Return", List.of("IDAddress", "RobustAddress")),
            Map.entry("init/Exec4/Return", List.of("IDAddress", "RobustAddress")),
            Map.entry("evm/InvokeContract/Params", List.of("Selector", "Calldata")),
            Map.entry("evm/InvokeContract/Return", List.of("ReturnData")),
            Map.entry("evm/InvokeContractDelegate/Params", List.of("Code", "Input", "Caller", "Value")),
            Map.entry("multisig/Propose/Params", List.of("To", "Value", "Method", "Params")),
            Map.entry("multisig/Propose/Return", List.of("TxnID", "Applied", "Code", "Ret")),
            Map.entry("multisig/Approve/Params", List.of("ID", "ProposalHash")),
            Map.entry("multisig/Approve/Return", List.of("Applied", "Code", "Ret")),
            Map.entry("storageminer/PreCommitSector/Params", List.of("SealProof", "SectorNumber", "SealedCID", "SealRandEpoch",
                    "DealIDs", "Expiration", "ReplaceCapacity", "ReplaceSectorDeadline", "ReplaceSectorPartition",
                    "ReplaceSectorNumber")),
            Map.entry("storageminer/PreCommitSectorBatch/Params", List.of("Sectors")),
            Map.entry("storageminer/ProveCommitSector/Params", List.of("SectorNumber", "Proof")),
            Map.entry("storageminer/ProveCommitAggregate/Params", List.of("SectorNumbers", "AggregateProof")),
            Map.entry("storageminer/SubmitWindowedPoSt/Params", List.of("Deadline", "Partitions", "Proofs", "ChainCommitEpoch",
                    "ChainCommitRand")),
            Map.entry("storageminer/DeclareFaults/Params", List.of("Faults")),
            Map.entry("storageminer/DeclareFaultsRecovered/Params", List.of("Recoveries")),
            Map.entry("storageminer/WithdrawBalance/Params", List.of("AmountRequested")),
            Map.entry("storageminer/WithdrawBalance/Return", List.of("AmountWithdrawn")),
            Map.entry("storageminer/ChangeWorkerAddress/Params", List.of("NewWorker", "NewControlAddrs")),
            Map.entry("storageminer/ExtendSectorExpiration/Params", List.of("Extensions")),
            Map.entry("storageminer/ExtendSectorExpiration2/Params", List.of("Extensions")),
            Map.entry("storagemarket/PublishStorageDeals/Params", List.of("Deals")),
            Map.entry("storagemarket/PublishStorageDeals/Return", List.of("IDs", "ValidDeals")),
            Map.entry("storagemarket/AddBalance/Params", List.of("ProviderOrClientAddress")),
            Map.entry("storagemarket/WithdrawBalance/Params", List.of("ProviderOrClientAddress", "Amount")),
            Map.entry("storagepower/CreateMiner/Return", List.of("IDAddress", "RobustAddress")),
            Map.entry("verifiedregistry/AddVerifiedClient/Params", List.of("Address", "Allowance")),
            Map.entry("datacap/TransferExported/Params", List.of("To", "Amount", "OperatorData")),
            Map.entry("datacap/TransferExported/Return", List.of("FromBalance", "ToBalance", "RecipientData")),
            Map.entry("datacap/BalanceExported/Params", List.of("Address")),
            Map.entry("datacap/BalanceExported/Return", List.of("Balance")));

    static List<Fixtures.Sample> samples() {
        return Fixtures.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodes(Fixtures.Sample s) {
        byte[] bytes = s.bytes();
        if (bytes.length > 0 && DagCborJson.parseFirst(bytes).length() < bytes.length) {
            // a few recorded payloads repeat their value: strict DAG-CBOR refuses, the call decoder reads the first
            assertThatThrownBy(() -> DagCborJson.toJson(bytes)).isInstanceOf(CborDecodingException.class)
                    .hasMessageContaining("trailing bytes");
        } else {
            assertThat(DagCborJson.toJson(bytes)).isNotNull();
        }
        ActorType type = ActorType.ofManifestName(s.actor()).orElseThrow();
        Optional<Long> number = methodNumber(type, s.method());
        if (number.isEmpty()) {
            return;
        }
        DecodedValue v = s.isParams() ? CallDecoder.standard().params(type, number.get(), bytes)
                : CallDecoder.standard().returnValue(type, number.get(), bytes);
        assertThat(v.note() == null ? "" : v.note()).as("note").doesNotStartWith("not DAG-CBOR");
        boolean hasSchema = CallDecoder.standard().methodName(type, number.get()).flatMap(n -> TABLE.schema(type, n))
                .isPresent();
        assertThat(v.named()).as(s + ": " + v.note()).isEqualTo(hasSchema && !NOT_THE_METHODS_SHAPE.containsKey(s.toString()));
        List<String> fields = FIELDS.get(s.toString());
        if (fields != null) {
            List<String> got = new java.util.ArrayList<>();
            v.json().fieldNames().forEachRemaining(got::add);
            assertThat(got).as(s.toString()).containsExactlyElementsOf(fields);
        }
    }

    /** Token amounts, checked against the same bytes read by Python's int.from_bytes (sign byte dropped). */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "storageminer/WithdrawBalance/Return, /AmountWithdrawn, 3311300000000000000",
        "datacap/BalanceExported/Return, /Balance, 1317170949610537000000000000000000",
        "multisig/LockBalance/Params, /Amount, 1438000000000000000000",
        "multisig/LockBalance/Params, /StartEpoch, 2995440",
        "eam/CreateExternal/Return, /ActorID, 2223341",
    })
    void namedValues(String sample, String pointer, String expected) {
        Fixtures.Sample s = samples().stream().filter(x -> x.toString().equals(sample)).findFirst().orElseThrow();
        ActorType type = ActorType.ofManifestName(s.actor()).orElseThrow();
        long number = methodNumber(type, s.method()).orElseThrow();
        DecodedValue v = s.isParams() ? CallDecoder.standard().params(type, number, s.bytes())
                : CallDecoder.standard().returnValue(type, number, s.bytes());
        assertThat(v.json().at(pointer).asText()).isEqualTo(expected);
    }

    /** The method number for a fixture folder name (its name, an alias, or "XExported"). */
    static Optional<Long> methodNumber(ActorType type, String folder) {
        return TABLE.methods(type).values().stream()
                .filter(m -> m.name().equals(folder) || m.aliases().contains(folder))
                .map(ActorMethods.Method::number).findFirst();
    }

}
