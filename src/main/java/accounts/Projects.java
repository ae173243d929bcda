package accounts;

import api.ApiException;
import api.ApiJson;
import api.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Projects (API.md "Projects and accounts"): everybody reads, the owner writes (403 for anybody
 * else), each write one transaction with its audit row. Contracts are kept by actor ID when the
 * index knows the address, else as given and shown as pending.
 */
public final class Projects {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_WEBSITE = 200;
    private static final int MAX_SEARCH_WORDS = 8;
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 100;
    private static final String COLUMNS = "p.id, p.owner_id, p.name, p.description, p.website, p.created_at, p.updated_at";

    private final Accounts accounts;
    private final ContractAddresses addresses;

    public Projects(Accounts accounts, ContractAddresses addresses) {
        this.accounts = accounts;
        this.addresses = addresses;
    }

    /** POST /projects {name, description, website?, contracts?[]} → 201 with the project. */
    public ApiResponse create(String authorization, String body, String client) {
        ObjectNode request = Bodies.object(body);
        String name = Bodies.line("name", Bodies.optionalText(request, "name"), MAX_NAME);
        String description = Bodies.text("description", Bodies.optionalText(request, "description"), MAX_DESCRIPTION);
        String website = website(Bodies.optionalText(request, "website"));
        List<ContractAddresses.Resolved> contracts = contracts(request.get("contracts"));
        Instant now = accounts.clock().instant();
        ObjectNode project = accounts.db().inTransaction(c -> {
            Principal p = accounts.authenticate(c, authorization);
            if (count(c, "SELECT count(*) FROM projects WHERE owner_id = ?", p.accountId()) >= accounts.config().maxProjects()) {
                throw new ApiException(409, "TOO_MANY_PROJECTS", "an account owns at most " + accounts.config().maxProjects() + " projects");
            }
            requireFreeName(c, p.accountId(), name, null);
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO projects (owner_id, name, name_key, description, website,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                s.setLong(1, p.accountId());
                s.setString(2, name);
                s.setString(3, nameKey(name));
                s.setString(4, description);
                s.setString(5, website);
                s.setTimestamp(6, Timestamp.from(now));
                s.setTimestamp(7, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            for (ContractAddresses.Resolved contract : contracts) {
                insertContract(c, id, contract, now);
            }
            ObjectNode details = ApiJson.object().put("name", name);
            details.put("contracts", contracts.size());
            Audit.record(c, now, p.accountId(), p.name(), "project.create", "project:" + id, details, client);
            return read(c, id).orElseThrow();
        });
        return new ApiResponse(201, project);
    }

    /** GET /projects/{id}. */
    public ObjectNode get(String rawId) {
        long id = Ids.parse("id", rawId);
        return accounts.db().inTransaction(c -> read(c, id)).orElseThrow(() -> ApiException.notFound("no project " + id));
    }

    /** GET /projects?name=&id=&owner=&limit=&cursor=: by id order; name by prefix of the name or of its words, any case. */
    public ObjectNode list(String name, String rawId, String rawOwner, String rawLimit, String cursor) {
        Long id = blank(rawId) ? null : Ids.parse("id", rawId);
        Long owner = blank(rawOwner) ? null : Ids.parse("owner", rawOwner);
        int limit = limit(rawLimit);
        long after = blank(cursor) ? 0 : Ids.parse("cursor", cursor);
        List<String> words = blank(name) ? List.of() : searchWords(name);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM projects p WHERE p.id > ?");
        List<Object> params = new ArrayList<>(List.of(after));
        if (id != null) {
            sql.append(" AND p.id = ?");
            params.add(id);
        }
        if (owner != null) {
            sql.append(" AND p.owner_id = ?");
            params.add(owner);
        }
        if (!words.isEmpty()) {
            appendNameMatch(sql, params, words);
        }
        sql.append(" ORDER BY p.id LIMIT ?");
        params.add(limit + 1);
        return accounts.db().inTransaction(c -> {
            List<ObjectNode> items = query(c, sql.toString(), params);
            ObjectNode out = ApiJson.object();
            ArrayNode array = out.putArray("items");
            items.stream().limit(limit).forEach(array::add);
            out.put("nextCursor", items.size() > limit ? items.get(limit - 1).path("id").asText() : null);
            return out;
        });
    }

    /** Search kind {@code project}: the best matches of a name (exact, then prefix, then word prefixes), at most {@code max}. */
    public List<ObjectNode> search(String text, int max) {
        List<String> words = searchWords(text);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM projects p WHERE true");
        List<Object> params = new ArrayList<>();
        appendNameMatch(sql, params, words);
        sql.append(" ORDER BY (p.name_key = ?) DESC, (p.name_key LIKE ? ESCAPE '\\') DESC, p.id LIMIT ?");
        String key = nameKey(text);
        params.add(key);
        params.add(like(key) + "%");
        params.add(max);
        return accounts.db().inTransaction(c -> query(c, sql.toString(), params));
    }

    /** PATCH /projects/{id} {name?, description?, website?}. */
    public ObjectNode update(String authorization, String rawId, String body, String client) {
        long id = Ids.parse("id", rawId);
        ObjectNode request = Bodies.object(body);
        String name = request.has("name") ? Bodies.line("name", Bodies.optionalText(request, "name"), MAX_NAME) : null;
        String description = request.has("description")
                ? Bodies.text("description", Bodies.optionalText(request, "description"), MAX_DESCRIPTION) : null;
        boolean setWebsite = request.has("website");
        String website = setWebsite ? website(Bodies.optionalText(request, "website")) : null;
        if (name == null && description == null && !setWebsite) {
            throw ApiException.badRequest("INVALID_BODY", "give at least one of name, description, website");
        }
        Instant now = accounts.clock().instant();
        return accounts.db().inTransaction(c -> {
            Principal p = owner(c, authorization, id);
            if (name != null) {
                requireFreeName(c, p.accountId(), name, id);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE projects SET name = COALESCE(?, name),"
                    + " name_key = COALESCE(?, name_key), description = COALESCE(?, description),"
                    + " website = CASE WHEN ? THEN ? ELSE website END, updated_at = ? WHERE id = ?")) {
                s.setString(1, name);
                s.setString(2, name == null ? null : nameKey(name));
                s.setString(3, description);
                s.setBoolean(4, setWebsite);
                s.setString(5, website);
                s.setTimestamp(6, Timestamp.from(now));
                s.setLong(7, id);
                s.executeUpdate();
            }
            ObjectNode details = ApiJson.object();
            request.fieldNames().forEachRemaining(f -> details.put(f, true));
            Audit.record(c, now, p.accountId(), p.name(), "project.update", "project:" + id, details, client);
            return read(c, id).orElseThrow();
        });
    }

    /** DELETE /projects/{id}. */
    public ObjectNode delete(String authorization, String rawId, String client) {
        long id = Ids.parse("id", rawId);
        Instant now = accounts.clock().instant();
        return accounts.db().inTransaction(c -> {
            Principal p = owner(c, authorization, id);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM projects WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            Audit.record(c, now, p.accountId(), p.name(), "project.delete", "project:" + id, null, client);
            return ApiJson.object().put("deleted", id);
        });
    }

    /** POST /projects/{id}/contracts/{address}: any address form; unknown to the index is accepted as pending. */
    public ObjectNode addContract(String authorization, String rawId, String address, String client) {
        long id = Ids.parse("id", rawId);
        ContractAddresses.Resolved contract = addresses.resolve(address);
        Instant now = accounts.clock().instant();
        return accounts.db().inTransaction(c -> {
            Principal p = owner(c, authorization, id);
            if (count(c, "SELECT count(*) FROM project_contracts WHERE project_id = ?", id) >= accounts.config().maxContractsPerProject()) {
                throw new ApiException(409, "TOO_MANY_CONTRACTS", "a project lists at most "
                        + accounts.config().maxContractsPerProject() + " contracts");
            }
            insertContract(c, id, contract, now);
            Audit.record(c, now, p.accountId(), p.name(), "project.contract.add", "project:" + id,
                    ApiJson.object().put("address", contract.key()), client);
            return read(c, id).orElseThrow();
        });
    }

    /** DELETE /projects/{id}/contracts/{address}. */
    public ObjectNode removeContract(String authorization, String rawId, String address, String client) {
        long id = Ids.parse("id", rawId);
        ContractAddresses.Resolved contract = addresses.resolve(address);
        Instant now = accounts.clock().instant();
        return accounts.db().inTransaction(c -> {
            Principal p = owner(c, authorization, id);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM project_contracts WHERE project_id = ?"
                    + " AND (address = ? OR actor_id = ?)")) {
                s.setLong(1, id);
                s.setString(2, contract.key());
                s.setObject(3, contract.actorId());
                if (s.executeUpdate() == 0) {
                    throw ApiException.notFound("project " + id + " does not list " + api.RequestParams.shorten(address));
                }
            }
            Audit.record(c, now, p.accountId(), p.name(), "project.contract.remove", "project:" + id,
                    ApiJson.object().put("address", contract.key()), client);
            return read(c, id).orElseThrow();
        });
    }

    /** The projects listing a contract, given every form of its address (f-prefixed or 0x) and its actor ID. */
    public ArrayNode listing(Long actorId, List<String> forms) {
        return accounts.db().inTransaction(c -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT p.id, p.name FROM projects p"
                    + " JOIN project_contracts pc ON pc.project_id = p.id WHERE pc.actor_id = ? OR pc.address = ANY (?) ORDER BY p.id")) {
                s.setObject(1, actorId);
                s.setArray(2, c.createArrayOf("text", forms.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(ApiJson.object().put("id", r.getLong(1)).put("name", r.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    private Principal owner(Connection c, String authorization, long id) throws SQLException {
        Principal p = accounts.authenticate(c, authorization);
        try (PreparedStatement s = c.prepareStatement("SELECT owner_id FROM projects WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound("no project " + id);
                }
                if (r.getLong(1) != p.accountId()) {
                    throw new ApiException(403, "NOT_OWNER", "only the owner of project " + id + " changes it");
                }
            }
        }
        return p;
    }

    private static void requireFreeName(Connection c, long owner, String name, Long except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM projects WHERE owner_id = ? AND name_key = ? AND id <> ?")) {
            s.setLong(1, owner);
            s.setString(2, nameKey(name));
            s.setLong(3, except == null ? 0 : except);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    throw new ApiException(409, "DUPLICATE_NAME", "you already have a project named '" + name + "' (project "
                            + r.getLong(1) + ")");
                }
            }
        }
    }

    private static void insertContract(Connection c, long project, ContractAddresses.Resolved contract, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO project_contracts (project_id, address, actor_id, added_at)"
                + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM project_contracts WHERE project_id = ?"
                + " AND (address = ? OR actor_id = ?)) ")) {
            s.setLong(1, project);
            s.setString(2, contract.key());
            s.setObject(3, contract.actorId());
            s.setTimestamp(4, Timestamp.from(now));
            s.setLong(5, project);
            s.setString(6, contract.key());
            s.setObject(7, contract.actorId());
            s.executeUpdate();
        }
    }

    private Optional<ObjectNode> read(Connection c, long id) throws SQLException {
        List<ObjectNode> found = query(c, "SELECT " + COLUMNS + " FROM projects p WHERE p.id = ?", List.of(id));
        return found.stream().findFirst();
    }

    private List<ObjectNode> query(Connection c, String sql, List<Object> params) throws SQLException {
        Map<Long, ObjectNode> projects = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ObjectNode p = ApiJson.object();
                    p.put("id", r.getLong("id"));
                    p.put("name", r.getString("name"));
                    p.put("description", r.getString("description"));
                    p.put("website", r.getString("website"));
                    p.put("owner", r.getLong("owner_id"));
                    p.put("createdAt", r.getTimestamp("created_at").toInstant().toString());
                    p.put("updatedAt", r.getTimestamp("updated_at").toInstant().toString());
                    p.putArray("contracts");
                    projects.put(r.getLong("id"), p);
                }
            }
        }
        if (!projects.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT project_id, address, actor_id FROM project_contracts"
                    + " WHERE project_id = ANY (?) ORDER BY project_id, added_at, address")) {
                s.setArray(1, c.createArrayOf("bigint", projects.keySet().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Long actor = (Long) r.getObject("actor_id");
                        String key = r.getString("address");
                        if (actor == null) {
                            actor = learned(key);
                        }
                        ObjectNode entry = ApiJson.object();
                        entry.put("address", addresses.print(actor == null ? key : "f0" + actor));
                        if (actor == null) {
                            entry.put("given", addresses.print(key));
                        }
                        entry.put("pending", actor == null);
                        ((ArrayNode) projects.get(r.getLong("project_id")).get("contracts")).add(entry);
                    }
                }
            }
        }
        return new ArrayList<>(projects.values());
    }

    /** A pending address the index may have learned since; stays pending while the index cannot tell. */
    private Long learned(String key) {
        try {
            return addresses.learn(key).orElse(null);
        } catch (ApiException unavailable) {
            return null;
        }
    }

    private List<ContractAddresses.Resolved> contracts(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("INVALID_CONTRACTS", "contracts must be an array of addresses");
        }
        if (node.size() > accounts.config().maxContractsPerProject()) {
            throw ApiException.badRequest("INVALID_CONTRACTS", "at most " + accounts.config().maxContractsPerProject() + " contracts");
        }
        List<ContractAddresses.Resolved> out = new ArrayList<>();
        for (JsonNode a : node) {
            if (!a.isTextual()) {
                throw ApiException.badRequest("INVALID_CONTRACTS", "contracts must be an array of address strings");
            }
            out.add(addresses.resolve(a.asText()));
        }
        return out;
    }

    /** A website: absent, or an http(s) URL of at most {@link #MAX_WEBSITE} characters (anything else is never a link). */
    static String website(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        if (v.length() > MAX_WEBSITE) {
            throw ApiException.badRequest("INVALID_WEBSITE", "website is " + v.length() + " characters; at most " + MAX_WEBSITE);
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !v.matches(".*[\\s<>\"].*")) {
                return v;
            }
        } catch (URISyntaxException e) {
            // fall through to the refusal
        }
        throw ApiException.badRequest("INVALID_WEBSITE", "website must be an http:// or https:// address");
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static List<String> searchWords(String text) {
        String key = nameKey(Bodies.line("name", text, MAX_NAME));
        List<String> words = List.of(key.split(" "));
        if (words.size() > MAX_SEARCH_WORDS) {
            throw ApiException.badRequest("INVALID_NAME", "search at most " + MAX_SEARCH_WORDS + " words");
        }
        return words;
    }

    /** The whole query a prefix of the name, or every query word a prefix of one of the name's words. */
    private static void appendNameMatch(StringBuilder sql, List<Object> params, List<String> words) {
        sql.append(" AND (p.name_key LIKE ? ESCAPE '\\' OR (true");
        params.add(like(String.join(" ", words)) + "%");
        for (String w : words) {
            sql.append(" AND EXISTS (SELECT 1 FROM regexp_split_to_table(p.name_key, ' ') AS w(word) WHERE w.word LIKE ? ESCAPE '\\')");
            params.add(like(w) + "%");
        }
        sql.append("))");
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static int limit(String raw) {
        if (blank(raw)) {
            return DEFAULT_LIMIT;
        }
        if (!raw.strip().matches("[0-9]{1,4}") || Integer.parseInt(raw.strip()) < 1 || Integer.parseInt(raw.strip()) > MAX_LIMIT) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit must be 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(raw.strip());
    }

    private static boolean blank(String raw) {
        return raw == null || raw.isBlank();
    }

    private static long count(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
