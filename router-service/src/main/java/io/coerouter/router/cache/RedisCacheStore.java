package io.coerouter.router.cache;

import io.coerouter.expert.FinishReason;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.state.RedisState;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValueScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CacheStore} in Redis, shared by every replica on the same server and key prefix. Under the prefix:
 *
 * <ul>
 *   <li>{@code cache:e:<exact>:<scope>}: a hash per entry (the scope last, as it may contain ':'; the exact hash never
 *       does): {@code json} (the entry without its embedding), {@code emb} (its embedding, base64 of little-endian
 *       float32), {@code cand} (its compact candidate row: expiry, id, top skill, query), {@code m} (what the admin
 *       paths filter and order by: key, experts, skill, times), {@code id}, {@code x} (the exact hash) and {@code
 *       ctx} (its context list); it expires with the entry;
 *   <li>{@code cache:id:<id>}: the entry's {@code <exact>:<scope>}, for the admin API, expiring with it;
 *   <li>{@code cache:c:<context>:<scope>}: a list of the exact hashes of the newest {@code maxCandidates} semantic
 *       entries of a context, newest first, expiring a TTL after the last one was kept;
 *   <li>{@code cache:lru}: every entry's {@code <exact>:<scope>} scored by its last use ({@code cache:tick}, a counter
 *       on the server, so replicas' clocks need not agree); past {@code maxEntries} the lowest go.
 * </ul>
 *
 * <p>{@link #get} (read and mark as used) is one round trip (a Lua script), and so is {@link #candidates} (the
 * context's rows whose entries still exist) once this replica holds their embeddings, which it keeps by entry id
 * (bounded; a second round trip reads those it lacks), so a semantic lookup moves question rows, not 256 vectors.
 * {@link #put} (replace, index, trim, evict) is one script. Evicting
 * or purging an entry removes its id key and its row in its context, so memory stays bounded by {@code maxEntries}.
 * The admin paths ({@link #list}, {@link #purge}) walk the LRU set with ZSCAN in batches (never the keyspace), reading
 * only each entry's meta, then the whole of the entries listed.
 */
final class RedisCacheStore implements CacheStore {

    private static final int BATCH = 256;
    private static final int MAX_EVICTIONS_PER_PUT = 1000;
    /** The most embeddings a replica keeps in memory (at least {@code maxCandidates}): 6 MiB of 384-d vectors. */
    private static final int LOCAL_EMBEDDINGS = 4096;

    /** Deletes the entry named by a member of the LRU set, with its id key and context row. */
    private static final String DROP =
            """
            local function drop(m)
              local e = ARGV[1] .. m
              local o = redis.call('HMGET', e, 'id', 'ctx', 'x')
              if o[1] then redis.call('DEL', ARGV[2] .. o[1]) end
              if o[2] and o[3] then redis.call('LREM', ARGV[3] .. o[2], 0, o[3]) end
              redis.call('ZREM', KEYS[1], m)
              return redis.call('DEL', e)
            end
            """;

    /** KEYS: entry, lru, tick. ARGV: member. The entry's json and embedding, marked as just used. */
    private static final Script GET = new Script(
            """
            local v = redis.call('HMGET', KEYS[1], 'json', 'emb')
            if not v[1] then return nil end
            redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
            return v
            """);

    /** KEYS: context list. ARGV: entry key prefix, ':' scope. Pairs of exact hash and row, newest first. */
    private static final Script CANDIDATES = new Script(
            """
            local xs = redis.call('LRANGE', KEYS[1], 0, -1)
            local out = {}
            for _, x in ipairs(xs) do
              local c = redis.call('HGET', ARGV[1] .. x .. ARGV[2], 'cand')
              if c then
                out[#out + 1] = x
                out[#out + 1] = c
              end
            end
            return out
            """);

    /**
     * KEYS: lru, tick, entry, id key. ARGV: entry prefix, id prefix, context prefix, member, id, exact, json, row ('':
     * none), context suffix ('': none), px, max entries, max candidates, max evictions, meta, embedding. Returns how
     * many were evicted.
     */
    private static final Script PUT = new Script(
            DROP
                    + """
            if redis.call('EXISTS', KEYS[3]) == 1 then drop(ARGV[4]) end
            if ARGV[8] == '' then
              redis.call('HSET', KEYS[3], 'id', ARGV[5], 'x', ARGV[6], 'json', ARGV[7], 'm', ARGV[14])
            else
              redis.call('HSET', KEYS[3], 'id', ARGV[5], 'x', ARGV[6], 'json', ARGV[7], 'm', ARGV[14],
                'cand', ARGV[8], 'ctx', ARGV[9], 'emb', ARGV[15])
              local ctx = ARGV[3] .. ARGV[9]
              -- A row left by an entry that expired on the server is dropped, so the hash stands once in the list.
              redis.call('LREM', ctx, 0, ARGV[6])
              redis.call('LPUSH', ctx, ARGV[6])
              redis.call('LTRIM', ctx, 0, tonumber(ARGV[12]) - 1)
              redis.call('PEXPIRE', ctx, ARGV[10])
            end
            redis.call('PEXPIRE', KEYS[3], ARGV[10])
            redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[10])
            redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[4])
            local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[11])
            if over > tonumber(ARGV[13]) then over = tonumber(ARGV[13]) end
            local evicted = 0
            if over > 0 then
              local popped = redis.call('ZPOPMIN', KEYS[1], over)
              for i = 1, #popped, 2 do evicted = evicted + drop(popped[i]) end
            end
            -- Members whose entry expired on the server go from the cold end, so they do not hold places for long.
            for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, 7)) do
              if redis.call('EXISTS', ARGV[1] .. m) == 0 then drop(m) end
            end
            return evicted
            """);

    /** KEYS: lru. ARGV: entry prefix, id prefix, context prefix, members... Returns how many entries existed. */
    private static final Script REMOVE = new Script(
            DROP
                    + """
            local n = 0
            for i = 4, #ARGV do n = n + drop(ARGV[i]) end
            return n
            """);

    /**
     * KEYS: lru. ARGV: entry prefix, id prefix, context prefix, id. Removes the entry that id names, only if it is still
     * that entry (the same request kept again meanwhile has a new id and stays); 1 when removed.
     */
    private static final Script REMOVE_ID = new Script(
            DROP
                    + """
            local m = redis.call('GET', ARGV[2] .. ARGV[4])
            if not m then return 0 end
            if redis.call('HGET', ARGV[1] .. m, 'id') ~= ARGV[4] then return 0 end
            return drop(m)
            """);

    /** ARGV: entry prefix, members... Each member's json and embedding (nil when gone or none). */
    private static final Script FETCH = new Script(
            """
            local out = {}
            for i = 2, #ARGV do
              local v = redis.call('HMGET', ARGV[1] .. ARGV[i], 'json', 'emb')
              out[#out + 1] = v[1]
              out[#out + 1] = v[2]
            end
            return out
            """);

    /** ARGV: entry prefix, members... Each member's embedding (nil when gone). */
    private static final Script EMBEDDINGS = new Script(
            """
            local out = {}
            for i = 2, #ARGV do out[i - 1] = redis.call('HGET', ARGV[1] .. ARGV[i], 'emb') end
            return out
            """);

    /** ARGV: entry prefix, members... Each member's meta (nil when gone). */
    private static final Script META = new Script(
            """
            local out = {}
            for i = 2, #ARGV do out[i - 1] = redis.call('HGET', ARGV[1] .. ARGV[i], 'm') end
            return out
            """);

    /** What the admin paths filter and order entries by, so they need not read answers they will not show. */
    private record Meta(String keyId, List<String> experts, String skill, String createdAt, String expiresAt) {

        static Meta of(CachedAnswer e) {
            return new Meta(
                    e.keyId(),
                    e.experts(),
                    e.topSkill(),
                    e.createdAt().toString(),
                    e.expiresAt().toString());
        }

        /** As {@link CachedAnswer#matches}. */
        boolean matches(CacheFilter filter) {
            return (filter.keyId() == null || filter.keyId().equals(keyId))
                    && (filter.expert() == null || (experts != null && experts.contains(filter.expert())))
                    && (filter.skill() == null || filter.skill().equals(skill));
        }
    }

    /** An entry's member in the LRU set with its meta. */
    private record Listed(String member, Meta meta, Instant createdAt) {}

    /** The entry as kept, without its embedding (that is its own field). */
    private record Stored(
            String id,
            String scope,
            String keyId,
            String exact,
            String context,
            String model,
            String query,
            String text,
            String finishReason,
            long inputTokens,
            long outputTokens,
            String costUsd,
            String route,
            List<CoeTrace.SkillScore> skills,
            List<String> experts,
            String aggregator,
            String createdAt,
            String expiresAt) {

        static Stored of(CachedAnswer e) {
            return new Stored(
                    e.id(),
                    e.scope(),
                    e.keyId(),
                    e.exact(),
                    e.context(),
                    e.model(),
                    e.query(),
                    e.text(),
                    e.finishReason().name(),
                    e.inputTokens(),
                    e.outputTokens(),
                    e.costUsd().toString(),
                    e.route(),
                    e.skills(),
                    e.experts(),
                    e.aggregator(),
                    e.createdAt().toString(),
                    e.expiresAt().toString());
        }

        CachedAnswer answer(float[] embedding) {
            return new CachedAnswer(
                    id,
                    scope,
                    keyId,
                    exact,
                    context,
                    model,
                    query,
                    embedding,
                    text,
                    FinishReason.valueOf(finishReason),
                    inputTokens,
                    outputTokens,
                    new BigDecimal(costUsd),
                    route,
                    skills,
                    experts,
                    aggregator,
                    Instant.parse(createdAt),
                    Instant.parse(expiresAt));
        }
    }

    /**
     * A semantic entry's candidate row without its embedding (a replica keeps the embeddings it has read, by entry id,
     * so a lookup reads only these), in plain text rather than JSON as every semantic lookup reads up to {@code
     * maxCandidates} of them: {@code <expiry millis>\n<id>\n<top skill length, -1: none>:<top skill><query>}.
     */
    private record Row(long expires, String id, String topSkill, String query) {

        String write() {
            String skill = topSkill == null ? "" : topSkill;
            return expires + "\n" + id + "\n" + (topSkill == null ? -1 : skill.length()) + ":" + skill + query;
        }

        static Row read(String row) {
            try {
                int a = row.indexOf('\n');
                int b = row.indexOf('\n', a + 1);
                int colon = row.indexOf(':', b + 1);
                int length = Integer.parseInt(row, b + 1, colon, 10);
                int skillEnd = colon + 1 + Math.max(0, length);
                return new Row(
                        Long.parseLong(row, 0, a, 10),
                        row.substring(a + 1, b),
                        length < 0 ? null : row.substring(colon + 1, skillEnd),
                        row.substring(skillEnd));
            } catch (RuntimeException e) {
                throw new IllegalStateException("a response cache candidate in Redis could not be read");
            }
        }
    }

    private final RedisState redis;
    private final JsonMapper json;
    private final int maxEntries;
    private final int maxCandidates;
    private final Clock clock;
    private final String entryPrefix;
    private final String idPrefix;
    private final String contextPrefix;
    private final String lru;
    private final String tick;
    /** Embeddings this replica has read, by entry id (an entry never changes; a replaced one has a new id). */
    private final Map<String, float[]> embeddings;

    RedisCacheStore(RedisState redis, JsonMapper json, int maxEntries, int maxCandidates, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be > 0, but was " + maxEntries);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be > 0, but was " + maxCandidates);
        }
        this.redis = redis;
        this.json = json;
        this.maxEntries = maxEntries;
        this.maxCandidates = maxCandidates;
        this.clock = clock;
        this.entryPrefix = redis.key("cache", "e", "");
        this.idPrefix = redis.key("cache", "id", "");
        this.contextPrefix = redis.key("cache", "c", "");
        this.lru = redis.key("cache", "lru");
        this.tick = redis.key("cache", "tick");
        int keep = Math.max(maxCandidates, Math.min(maxEntries, LOCAL_EMBEDDINGS));
        this.embeddings = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > keep;
            }
        };
    }

    @Override
    public Optional<CachedAnswer> get(String scope, String exact) {
        String member = member(scope, exact);
        List<Object> found = redis.call(
                c -> GET.run(c, ScriptOutputType.MULTI, new String[] {entryPrefix + member, lru, tick}, member));
        if (found == null || found.isEmpty() || found.get(0) == null) {
            return Optional.empty();
        }
        return live(member, (String) found.get(0), found.size() > 1 ? (String) found.get(1) : null);
    }

    @Override
    public List<Candidate> candidates(String scope, String context) {
        List<Object> found = redis.call(c -> CANDIDATES.run(
                c,
                ScriptOutputType.MULTI,
                new String[] {contextPrefix + member(scope, context)},
                entryPrefix,
                ":" + scope));
        if (found == null || found.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        List<String> exacts = new ArrayList<>(found.size() / 2);
        List<Row> rows = new ArrayList<>(found.size() / 2);
        float[][] vectors = new float[found.size() / 2][];
        List<Integer> missing = new ArrayList<>();
        synchronized (embeddings) {
            for (int i = 0; i + 1 < found.size(); i += 2) {
                Row row = Row.read((String) found.get(i + 1));
                if (row.expires() > now) {
                    vectors[rows.size()] = embeddings.get(row.id());
                    if (vectors[rows.size()] == null) {
                        missing.add(rows.size());
                    }
                    exacts.add((String) found.get(i));
                    rows.add(row);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> args = new ArrayList<>(missing.size() + 1);
            args.add(entryPrefix);
            missing.forEach(k -> args.add(member(scope, exacts.get(k))));
            List<Object> read = redis.call(
                    c -> EMBEDDINGS.run(c, ScriptOutputType.MULTI, new String[0], args.toArray(String[]::new)));
            synchronized (embeddings) {
                for (int m = 0; m < missing.size(); m++) {
                    Object e = at(read, m);
                    if (e != null) {
                        float[] v = decode((String) e);
                        vectors[missing.get(m)] = v;
                        embeddings.put(rows.get(missing.get(m)).id(), v);
                    }
                }
            }
        }
        List<Candidate> out = new ArrayList<>(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            if (vectors[k] != null) { // null: the entry went between the two reads
                Row row = rows.get(k);
                out.add(new Candidate(exacts.get(k), row.query(), row.topSkill(), vectors[k]));
            }
        }
        return out;
    }

    @Override
    public void put(CachedAnswer entry) {
        if (entry.id().indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a cache entry id must not contain a line break");
        }
        String member = member(entry.scope(), entry.exact());
        long px = Math.max(1, entry.expiresAt().toEpochMilli() - clock.millis());
        boolean semantic = entry.semantic();
        String row = semantic
                ? new Row(entry.expiresAt().toEpochMilli(), entry.id(), entry.topSkill(), entry.query()).write()
                : "";
        String embedding = semantic ? encode(entry.embedding()) : "";
        String context = semantic ? member(entry.scope(), entry.context()) : "";
        String body = json.writeValueAsString(Stored.of(entry));
        String meta = json.writeValueAsString(Meta.of(entry));
        redis.call(c -> PUT.run(
                c,
                ScriptOutputType.INTEGER,
                new String[] {lru, tick, entryPrefix + member, idPrefix + entry.id()},
                entryPrefix,
                idPrefix,
                contextPrefix,
                member,
                entry.id(),
                entry.exact(),
                body,
                row,
                context,
                Long.toString(px),
                Integer.toString(maxEntries),
                Integer.toString(maxCandidates),
                Integer.toString(MAX_EVICTIONS_PER_PUT),
                meta,
                embedding));
    }

    @Override
    public List<CachedAnswer> list(CacheFilter filter, int limit) {
        if (limit < 1) {
            return List.of();
        }
        Comparator<Listed> oldest = Comparator.comparing(Listed::createdAt);
        PriorityQueue<Listed> kept = new PriorityQueue<>(oldest);
        Set<String> keptMembers = new HashSet<>();
        Instant now = clock.instant();
        scan((members, metas) -> {
            for (int i = 0; i < members.size(); i++) {
                Meta m = metas.get(i);
                // ZSCAN may return a member twice (the set was resized meanwhile): each entry is listed once.
                if (m != null
                        && now.isBefore(Instant.parse(m.expiresAt()))
                        && m.matches(filter)
                        && keptMembers.add(members.get(i))) {
                    kept.add(new Listed(members.get(i), m, Instant.parse(m.createdAt())));
                    if (kept.size() > limit) {
                        keptMembers.remove(kept.poll().member());
                    }
                }
            }
        });
        List<CachedAnswer> out = new ArrayList<>(kept.size());
        List<String> wanted = kept.stream().map(Listed::member).toList();
        for (int from = 0; from < wanted.size(); from += BATCH) {
            for (CachedAnswer e : fetch(wanted.subList(from, Math.min(wanted.size(), from + BATCH)))) {
                if (e != null && !e.expiredAt(now)) { // null: removed meanwhile
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(CachedAnswer::createdAt).reversed());
        return out;
    }

    @Override
    public Optional<CachedAnswer> byId(String id) {
        String member = redis.call(c -> c.get(idPrefix + id));
        if (member == null) {
            return Optional.empty();
        }
        List<String> fields = redis.call(c -> c.hmget(entryPrefix + member, "json", "emb", "id")).stream()
                .map(kv -> kv.getValueOrElse(null))
                .toList();
        if (fields.get(0) == null || !id.equals(fields.get(2))) {
            return Optional.empty();
        }
        return live(member, fields.get(0), fields.get(1));
    }

    @Override
    public boolean remove(String id) {
        if (byId(id).isEmpty()) {
            return false; // unknown, replaced, or expired (and then removed by byId)
        }
        Long n = redis.call(c -> REMOVE_ID.run(
                c, ScriptOutputType.INTEGER, new String[] {lru}, entryPrefix, idPrefix, contextPrefix, id));
        return n != null && n > 0;
    }

    @Override
    public long purge(CacheFilter filter) {
        long[] removed = {0};
        scan((members, metas) -> {
            List<String> doomed = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Meta m = metas.get(i);
                if (m == null || m.matches(filter)) {
                    doomed.add(members.get(i)); // a member whose entry is gone goes as well, uncounted
                }
            }
            if (!doomed.isEmpty()) {
                removed[0] += remove(doomed);
            }
        });
        return removed[0];
    }

    @Override
    public long size() {
        Long n = redis.call(c -> c.zcard(lru));
        return n == null ? 0 : n;
    }

    @Override
    public String kind() {
        return "redis";
    }

    /** The entry of {@code member} when it has not expired by this store's clock; removes it when it has. */
    private Optional<CachedAnswer> live(String member, String body, String embedding) {
        CachedAnswer entry = read(body, Stored.class).answer(embedding == null ? null : decode(embedding));
        if (entry.expiredAt(clock.instant())) {
            remove(List.of(member));
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** {@code body} read as {@code type}; a failure says which, never what the body holds (answers, questions). */
    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("a response cache entry in Redis could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private long remove(List<String> members) {
        List<String> args = new ArrayList<>(members.size() + 3);
        args.add(entryPrefix);
        args.add(idPrefix);
        args.add(contextPrefix);
        args.addAll(members);
        Long n = redis.call(
                c -> REMOVE.run(c, ScriptOutputType.INTEGER, new String[] {lru}, args.toArray(String[]::new)));
        return n == null ? 0 : n;
    }

    /** Every member of the LRU set in batches, each with its entry's meta (null when it is gone). */
    private void scan(BatchVisitor visitor) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor at = cursor;
            ScoredValueScanCursor<String> page = redis.call(c -> c.zscan(lru, at, ScanArgs.Builder.limit(BATCH)));
            List<String> members = new ArrayList<>(page.getValues().size());
            page.getValues().forEach(v -> members.add(v.getValue()));
            if (!members.isEmpty()) {
                visitor.visit(members, metas(members));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    private List<Meta> metas(List<String> members) {
        List<String> args = new ArrayList<>(members.size() + 1);
        args.add(entryPrefix);
        args.addAll(members);
        List<Object> found =
                redis.call(c -> META.run(c, ScriptOutputType.MULTI, new String[0], args.toArray(String[]::new)));
        List<Meta> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Object m = at(found, i);
            out.add(m == null ? null : read((String) m, Meta.class));
        }
        return out;
    }

    private List<CachedAnswer> fetch(List<String> members) {
        List<String> args = new ArrayList<>(members.size() + 1);
        args.add(entryPrefix);
        args.addAll(members);
        List<Object> bodies =
                redis.call(c -> FETCH.run(c, ScriptOutputType.MULTI, new String[0], args.toArray(String[]::new)));
        List<CachedAnswer> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Object body = at(bodies, 2 * i);
            Object row = at(bodies, 2 * i + 1);
            out.add(
                    body == null
                            ? null
                            : read((String) body, Stored.class).answer(row == null ? null : decode((String) row)));
        }
        return out;
    }

    private static Object at(List<Object> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    private interface BatchVisitor {
        void visit(List<String> members, List<Meta> metas);
    }

    /** {@code <hash>:<scope>}: the hash first, as the scope may contain ':' and the hash may not. */
    private static String member(String scope, String hash) {
        if (hash.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a cache hash must not contain ':', but was '" + hash + "'");
        }
        return hash + ":" + scope;
    }

    static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] decode(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    /** A Lua script run by its SHA-1, sent whole when the server does not have it (first use, or after a restart). */
    private static final class Script {
        private final String source;
        private final String sha;

        Script(String source) {
            this.source = source;
            try {
                this.sha = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
        }

        @SuppressWarnings("unchecked")
        <T> T run(RedisCommands<String, String> c, ScriptOutputType type, String[] keys, String... args) {
            try {
                return (T) c.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return (T) c.eval(source, type, keys, args);
            }
        }
    }
}
