package api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.ContractTools;
import contracts.verify.InputForms;
import contracts.verify.VerificationRequest;
import contracts.verify.VerificationStore;
import contracts.verify.VerifiedContract;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Etherscan's contract API on {@code GET|POST /api?module=contract&action=…}, as
 * {@code npx hardhat verify} (hardhat-verify) and {@code forge verify-contract --verifier etherscan}
 * call it: {@code verifysourcecode} (form fields {@code contractaddress}, {@code sourceCode},
 * {@code codeformat}, {@code contractname}, {@code compilerversion}, {@code constructorArguements},
 * and for single files {@code optimizationUsed}, {@code runs}, {@code evmversion},
 * {@code libraryname1..10}/{@code libraryaddress1..10}), {@code checkverifystatus} ({@code guid}),
 * {@code getabi} and {@code getsourcecode} ({@code address}). Answers are Etherscan's
 * {@code {status, message, result}} with its exact status strings; malformed requests are also
 * 4xx, with the reason in {@code result} and in filflow's {@code error} object.
 */
public final class EtherscanApi {
    static final String PASS = "Pass - Verified";
    static final String FAIL = "Fail - Unable to verify";
    static final String PENDING = "Pending in queue";
    static final String ALREADY = "Already Verified";
    static final String NOT_VERIFIED = "Contract source code not verified";
    /** Etherscan's answer to a key it does not know. */
    static final String INVALID_KEY = "Invalid API Key";
    static final String ANONYMOUS = "etherscan-api";

    private final ContractDevelopers developers;

    public EtherscanApi(ContractDevelopers developers) {
        this.developers = developers;
    }

    public Object handle(ApiRequest request) {
        Map<String, String> p = parameters(request);
        if (!"contract".equals(p.get("module"))) {
            return fail(400, "INVALID_MODULE", "module must be 'contract' (filflow serves the contract module of the Etherscan API)");
        }
        String action = p.getOrDefault("action", "");
        try {
            checkChain(p.get("chainid"));
            String verifiedBy = verifiedBy(p.get("apikey"));
            if (verifiedBy == null) {
                return fail(401, "INVALID_API_KEY", INVALID_KEY);
            }
            return switch (action) {
                case "verifysourcecode" -> verify(p, verifiedBy);
                case "checkverifystatus" -> status(p.get("guid"));
                case "getabi" -> abi(p.get("address"));
                case "getsourcecode" -> source(p.get("address"));
                default -> fail(400, "INVALID_ACTION", "action must be verifysourcecode, checkverifystatus, getabi or getsourcecode");
            };
        } catch (ApiException e) {
            ApiResponse r = fail(e.status(), e.code(), e.getMessage());
            return e.retryAfterSeconds() == null ? r
                    : new ApiResponse(r.status(), r.body(), Map.of("Retry-After", e.retryAfterSeconds().toString()));
        }
    }

    /**
     * Who verifies: the account of a filflow API key ({@code ffk_…}) given as {@code apikey}, null
     * when such a key is not a live one. Other values are what tools send when they must send
     * something (hardhat and forge need an apikey for any explorer): anonymous, as without one.
     */
    private String verifiedBy(String apikey) {
        if (apikey == null || !apikey.strip().startsWith(accounts.Secrets.KEY_PREFIX)) {
            return ANONYMOUS;
        }
        try {
            return developers.tools().uploaders().uploader("Bearer " + apikey.strip());
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                return null;
            }
            throw e;
        }
    }

    private void checkChain(String chainId) {
        if (chainId == null || chainId.isBlank()) {
            return;
        }
        long expected = developers.tools().chainId();
        if (!chainId.trim().equals(Long.toString(expected))) {
            throw ApiException.badRequest("UNSUPPORTED_CHAIN", "chainid " + RequestParams.shorten(chainId)
                    + " is not this filflow's chain (" + expected + ")");
        }
    }

    private Object verify(Map<String, String> p, String verifiedBy) {
        ContractTools t = developers.tools();
        String address = address(p.get("contractaddress"), "contractaddress");
        String source = p.get("sourceCode");
        if (source == null || source.isBlank()) {
            return fail(400, "INVALID_SOURCE", "sourceCode is required");
        }
        developers.checkSize(source);
        try {
            String[] id = InputForms.contractId(p.getOrDefault("contractname", ""));
            var compiler = InputForms.compiler(p.get("compilerversion"));
            String format = p.getOrDefault("codeformat", "solidity-single-file");
            ObjectNode input;
            switch (format) {
                case "solidity-standard-json-input" -> input = InputForms.standardJson(source);
                case "solidity-single-file" -> input = InputForms.singleFile(id[1], source,
                        "1".equals(p.get("optimizationUsed")), runs(p.get("runs")), p.get("evmversion"), libraries(p));
                default -> {
                    return fail(400, "UNSUPPORTED_CODE_FORMAT", "codeformat must be solidity-standard-json-input or"
                            + " solidity-single-file, got '" + RequestParams.shorten(format) + "'");
                }
            }
            if (p.containsKey("viaIR") && "true".equalsIgnoreCase(p.get("viaIR"))) {
                ((ObjectNode) input.path("settings")).put("viaIR", true);
            }
            String args = p.getOrDefault("constructorArguements", p.get("constructorArguments"));
            VerificationRequest request = new VerificationRequest(address, t.chainId(), compiler, input, id[0], id[1],
                    InputForms.constructorArgs(args), Map.of(), verifiedBy);
            // the request is complete and well-formed (else a 4xx above); now what the chain and the store say
            if (developers.verified(address).filter(v -> v.match() == contracts.verify.MatchKind.FULL).isPresent()) {
                return answer(200, "0", "NOTOK", "Contract source code already verified");
            }
            if (t.lotus().ethGetCode(address, "latest").length == 0) {
                return answer(200, "0", "NOTOK", "Unable to locate ContractCode at " + address);
            }
            UUID guid = t.verification().submit(request);
            return answer(200, "1", "OK", guid.toString());
        } catch (RuntimeException e) {
            throw ContractErrors.of(e, t.verification().retryAfterSeconds());
        }
    }

    private Object status(String guid) {
        VerificationStore.Job job = developers.job(guid);
        if ("pending".equals(job.status())) {
            return answer(200, "0", "NOTOK", PENDING);
        }
        if (job.match() != null && !"none".equals(job.match())) {
            boolean stored = job.result() == null || job.result().path("stored").asBoolean(true);
            ObjectNode out = body(stored ? "1" : "0", stored ? "OK" : "NOTOK", stored ? PASS : ALREADY);
            out.put("match", job.match());
            return new ApiResponse(200, out);
        }
        ObjectNode out = body("0", "NOTOK", FAIL);
        out.put("reason", job.reason());
        return new ApiResponse(200, out);
    }

    private Object abi(String raw) {
        String address = address(raw, "address");
        return developers.verified(address)
                .<Object>map(v -> answer(200, "1", "OK", v.abi().toString()))
                .orElseGet(() -> answer(200, "0", "NOTOK", NOT_VERIFIED));
    }

    private Object source(String raw) {
        String address = address(raw, "address");
        ObjectNode out = body("1", "OK", null);
        ArrayNode result = out.putArray("result");
        ObjectNode c = result.addObject();
        VerifiedContract v = developers.verified(address).orElse(null);
        if (v == null) {
            for (String f : new String[] {"SourceCode", "ContractName", "CompilerVersion", "OptimizationUsed", "Runs",
                "ConstructorArguments", "EVMVersion", "Library", "LicenseType", "Proxy", "Implementation", "SwarmSource"}) {
                c.put(f, "");
            }
            c.put("ABI", NOT_VERIFIED);
            return new ApiResponse(200, out);
        }
        ObjectNode standardJson = ApiJson.object();
        standardJson.put("language", "Solidity");
        ObjectNode sources = standardJson.putObject("sources");
        v.sources().fields().forEachRemaining(s -> sources.putObject(s.getKey()).put("content", s.getValue().asText()));
        standardJson.set("settings", v.settings());
        // Etherscan wraps a standard JSON input in one more pair of braces
        c.put("SourceCode", "{" + standardJson + "}");
        c.put("ABI", v.abi().toString());
        c.put("ContractName", v.name());
        c.put("CompilerVersion", v.compilerVersion());
        JsonNode optimizer = v.settings().path("optimizer");
        c.put("OptimizationUsed", optimizer.path("enabled").asBoolean(false) ? "1" : "0");
        c.put("Runs", Integer.toString(optimizer.path("runs").asInt(200)));
        c.put("ConstructorArguments", v.constructorArgs());
        c.put("EVMVersion", v.settings().path("evmVersion").asText("Default"));
        c.put("Library", libraryList(v.libraries()));
        c.put("LicenseType", "");
        c.put("Proxy", "0");
        c.put("Implementation", "");
        c.put("SwarmSource", "");
        c.put("Match", v.match().label());
        return new ApiResponse(200, out);
    }

    private static String libraryList(JsonNode libraries) {
        StringBuilder s = new StringBuilder();
        libraries.fields().forEachRemaining(l -> {
            if (l.getKey().indexOf(':') < 0) {
                s.append(s.length() == 0 ? "" : ";").append(l.getKey()).append(':').append(l.getValue().asText().substring(2));
            }
        });
        return s.toString();
    }

    private static int runs(String raw) {
        if (raw == null || raw.isBlank()) {
            return 200;
        }
        try {
            int runs = Integer.parseInt(raw.trim());
            if (runs >= 0) {
                return runs;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiException.badRequest("INVALID_SETTINGS", "runs must be a non-negative integer, got '" + RequestParams.shorten(raw) + "'");
    }

    private static Map<String, String> libraries(Map<String, String> p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            String name = p.get("libraryname" + i);
            String address = p.get("libraryaddress" + i);
            if (name != null && !name.isBlank()) {
                out.put(name.trim(), InputForms.address(name, address));
            }
        }
        return out;
    }

    private String address(String raw, String name) {
        AddressInput input = AddressInput.require(name, raw);
        return developers.ethOf(input).toLowerCase(Locale.ROOT);
    }

    /** Query parameters and, for a form POST, its fields (the form wins). */
    private static Map<String, String> parameters(ApiRequest request) {
        Map<String, String> p = new HashMap<>();
        for (String name : new String[] {"module", "action", "apikey", "chainid", "guid", "address", "contractaddress",
            "sourceCode", "codeformat", "contractname", "compilerversion", "optimizationUsed", "runs", "evmversion",
            "constructorArguements", "constructorArguments", "viaIR", "licenseType"}) {
            String v = request.param(name);
            if (v != null) {
                p.put(name, v);
            }
        }
        for (int i = 1; i <= 10; i++) {
            for (String prefix : new String[] {"libraryname", "libraryaddress"}) {
                String v = request.param(prefix + i);
                if (v != null) {
                    p.put(prefix + i, v);
                }
            }
        }
        String type = request.param("Content-Type");
        String body = request.body();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded") && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                p.put(key, value);
            }
        }
        return p;
    }

    private static ObjectNode body(String status, String message, String result) {
        ObjectNode out = ApiJson.object();
        out.put("status", status);
        out.put("message", message);
        if (result != null) {
            out.put("result", result);
        }
        return out;
    }

    private static ApiResponse answer(int http, String status, String message, String result) {
        return new ApiResponse(http, body(status, message, result));
    }

    private static ApiResponse fail(int http, String code, String why) {
        ObjectNode out = body("0", "NOTOK", why);
        out.set("error", ApiJson.error(code, why).get("error"));
        return new ApiResponse(http, out);
    }
}
