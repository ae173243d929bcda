package api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.ContractTools;
import contracts.verify.InputForms;
import contracts.verify.MatchKind;
import contracts.verify.VerificationRequest;
import contracts.verify.VerificationStore;
import contracts.verify.VerifiedContract;
import java.util.Map;
import java.util.UUID;

/**
 * Sourcify's v2 API for chains 314 and 314159: {@code POST /v2/verify/{chainId}/{address}}
 * ({@code {stdJsonInput, compilerVersion, contractIdentifier}} → 202 {@code {verificationId}}),
 * {@code GET /v2/verify/{verificationId}} and {@code GET /v2/contract/{chainId}/{address}}
 * ({@code ?fields=all} adds ABI, sources and compilation). Matches are Sourcify's
 * {@code exact_match} (full) and {@code match} (partial); errors carry {@code customCode}.
 */
public final class SourcifyApi {
    private final ContractDevelopers developers;

    public SourcifyApi(ContractDevelopers developers) {
        this.developers = developers;
    }

    public ApiResponse verify(String chainId, String rawAddress, String body) {
        long chain = chain(chainId);
        AddressInput input = AddressInput.require("address", rawAddress);
        ContractTools t = developers.tools();
        if (chain != t.chainId()) {
            throw new ApiException(400, "UNSUPPORTED_CHAIN", "this filflow follows chain " + t.chainId()
                    + "; it cannot verify contracts of chain " + chain);
        }
        developers.checkSize(body);
        String address = developers.ethOf(input);
        JsonNode json = ContractDevelopers.parse(body);
        try {
            if (!json.isObject() || !json.hasNonNull("stdJsonInput")) {
                throw ApiException.badRequest("INVALID_BODY", "the body is {stdJsonInput, compilerVersion, contractIdentifier}");
            }
            if (developers.verified(address).filter(v -> v.match() == MatchKind.FULL).isPresent()) {
                return error(409, "already_verified", "contract " + address + " is already verified (exact match) on chain " + chain);
            }
            JsonNode std = json.get("stdJsonInput");
            ObjectNode standardJson = std.isTextual() ? InputForms.standardJson(std.asText()) : InputForms.checkedStandardJson(std);
            String[] id = InputForms.contractId(json.path("contractIdentifier").asText(""));
            VerificationRequest request = new VerificationRequest(address, chain,
                    InputForms.compiler(json.path("compilerVersion").asText(null)), standardJson, id[0], id[1],
                    "", Map.of(), "sourcify-api");
            developers.requireCode(address);
            UUID job = t.verification().submit(request);
            ObjectNode out = ApiJson.object();
            out.put("verificationId", job.toString());
            return new ApiResponse(202, out);
        } catch (RuntimeException e) {
            ApiException api = ContractErrors.of(e, t.verification().retryAfterSeconds());
            ApiResponse r = error(api.status(), api.code().toLowerCase(java.util.Locale.ROOT), api.getMessage());
            return api.retryAfterSeconds() == null ? r
                    : new ApiResponse(r.status(), r.body(), Map.of("Retry-After", api.retryAfterSeconds().toString()));
        }
    }

    public ObjectNode job(String verificationId) {
        VerificationStore.Job job = developers.job(verificationId);
        ObjectNode out = ApiJson.object();
        out.put("isJobCompleted", !"pending".equals(job.status()));
        out.put("verificationId", job.id().toString());
        out.put("jobStartTime", job.createdAt().toString());
        if (job.finishedAt() != null) {
            out.put("jobFinishTime", job.finishedAt().toString());
        }
        ObjectNode contract = out.putObject("contract");
        String match = job.match() == null || "none".equals(job.match()) ? null : sourcifyMatch(MatchKind.ofLabel(job.match()));
        String creation = match == null || job.result() == null || !job.result().hasNonNull("creationMatch") ? null
                : sourcifyMatch(MatchKind.ofLabel(job.result().get("creationMatch").asText()));
        contract.put("match", best(match, creation));
        contract.put("creationMatch", creation);
        contract.put("runtimeMatch", match);
        contract.put("chainId", Long.toString(job.chainId()));
        contract.put("address", job.address());
        if (!"pending".equals(job.status()) && match == null) {
            ObjectNode error = out.putObject("error");
            String code = job.result() != null ? job.result().path("code").asText("no_match") : "no_match";
            error.put("customCode", code.toLowerCase(java.util.Locale.ROOT));
            error.put("message", job.reason());
        }
        return out;
    }

    public Object contract(String chainId, String rawAddress, String fields) {
        long chain = chain(chainId);
        String address = developers.ethOf(AddressInput.require("address", rawAddress));
        VerifiedContract v = developers.verified(address).filter(c -> c.chainId() == chain).orElse(null);
        if (v == null) {
            return error(404, "not_found", "contract " + address + " is not verified on chain " + chain);
        }
        ObjectNode out = ApiJson.object();
        String match = sourcifyMatch(v.match());
        String creation = v.creationMatch() == null ? null : sourcifyMatch(v.creationMatch());
        out.put("match", best(match, creation));
        out.put("creationMatch", creation);
        out.put("runtimeMatch", match);
        out.put("chainId", Long.toString(v.chainId()));
        out.put("address", v.address());
        out.put("verifiedAt", v.verifiedAt().toString());
        if (fields != null && !fields.isBlank()) {
            if (!"all".equals(fields.trim()) && !fields.matches("[A-Za-z.,]{1,200}")) {
                throw ApiException.badRequest("INVALID_FIELDS", "fields is 'all' or a comma-separated list such as abi,sources");
            }
            boolean all = "all".equals(fields.trim());
            java.util.Set<String> wanted = java.util.Set.of(fields.split(","));
            if (all || wanted.contains("abi")) {
                out.set("abi", v.abi());
            }
            if (all || wanted.contains("sources")) {
                ObjectNode sources = out.putObject("sources");
                v.sources().fields().forEachRemaining(s -> sources.putObject(s.getKey()).put("content", s.getValue().asText()));
            }
            if (all || wanted.contains("compilation")) {
                ObjectNode c = out.putObject("compilation");
                c.put("language", "Solidity");
                c.put("compiler", "solc");
                c.put("compilerVersion", v.compilerVersion());
                c.put("name", v.name());
                c.put("fullyQualifiedName", v.sourcePath() + ":" + v.name());
                c.set("compilerSettings", v.settings());
            }
        }
        return out;
    }

    /** Sourcify's overall match: the better of the runtime and the creation match. */
    private static String best(String runtime, String creation) {
        return "exact_match".equals(creation) ? creation : runtime;
    }

    private static String sourcifyMatch(MatchKind kind) {
        return kind == MatchKind.FULL ? "exact_match" : kind == MatchKind.PARTIAL ? "match" : null;
    }

    private static long chain(String raw) {
        String v = RequestParams.required("chainId", raw).trim();
        if (v.matches("[0-9]{1,12}") && ContractTools.isFilecoinChain(Long.parseLong(v))) {
            return Long.parseLong(v);
        }
        throw new ApiException(400, "UNSUPPORTED_CHAIN", "chainId " + RequestParams.shorten(v)
                + " is not served here: filflow answers for 314 (Filecoin mainnet) and 314159 (calibration)");
    }

    private static ApiResponse error(int status, String customCode, String message) {
        ObjectNode out = ApiJson.object();
        out.put("customCode", customCode);
        out.put("message", message);
        out.put("errorId", UUID.randomUUID().toString());
        out.set("error", ApiJson.error(customCode.toUpperCase(java.util.Locale.ROOT), message).get("error"));
        return new ApiResponse(status, out);
    }
}
