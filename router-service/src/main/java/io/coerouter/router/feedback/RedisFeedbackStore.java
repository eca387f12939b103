package io.coerouter.router.feedback;

import io.coerouter.router.state.RedisState;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FeedbackStore} in Redis: each completion as JSON under {@code feedback:completion:<id>} and the feedback last
 * given on it under {@code feedback:applied:<id>}, both expiring with the completion; the pseudo-counts in the hash
 * {@code feedback:overlay}, one field {@code expert|skill} each, {@code {"r": right, "w": wrong, "t": epoch ms}}.
 * Feedback is applied by one Lua script that runs {@link FeedbackRule#apply}'s arithmetic, so replicas giving feedback
 * at once never lose each other's; {@code feedback:generation}, raised by {@link #clear}, tells it which earlier
 * feedback no longer counts.
 */
final class RedisFeedbackStore implements FeedbackStore {

    private static final Logger log = LoggerFactory.getLogger(RedisFeedbackStore.class);

    /**
     * KEYS: the completion's applied feedback, the overlay hash, the generation. ARGV: now (epoch ms), the half-life
     * (ms), how long the completion has left (ms), the new contributions as JSON ({@code [{"f","r","w"}]}). Returns
     * 1 or 0 (an earlier feedback was replaced), then field, right, wrong for every field touched.
     */
    private static final String APPLY =
            """
            local now = tonumber(ARGV[1])
            local half = tonumber(ARGV[2])
            local gen = tonumber(redis.call('GET', KEYS[3]) or '0')
            local function decay(v, at)
              if at >= now then return v end
              return v * math.pow(2, -(now - at) / half)
            end
            local cur, order = {}, {}
            local function load(f)
              if cur[f] == nil then
                local r, w = 0, 0
                local raw = redis.call('HGET', KEYS[2], f)
                if raw then
                  local ok, o = pcall(cjson.decode, raw)
                  if ok and type(o) == 'table' and tonumber(o.r) and tonumber(o.w) and tonumber(o.t) then
                    r = decay(tonumber(o.r), tonumber(o.t))
                    w = decay(tonumber(o.w), tonumber(o.t))
                  end
                end
                cur[f] = {r, w}
                order[#order + 1] = f
              end
              return cur[f]
            end
            local replaced = 0
            local prev = redis.call('GET', KEYS[1])
            if prev then
              local ok, p = pcall(cjson.decode, prev)
              if ok and type(p) == 'table' and type(p.c) == 'table' and tonumber(p.g) == gen then
                replaced = 1
                for _, c in ipairs(p.c) do
                  local x = load(c.f)
                  x[1] = math.max(0, x[1] - decay(c.r, p.t))
                  x[2] = math.max(0, x[2] - decay(c.w, p.t))
                end
              end
            end
            local nxt = cjson.decode(ARGV[4])
            for _, c in ipairs(nxt) do
              local x = load(c.f)
              x[1] = x[1] + c.r
              x[2] = x[2] + c.w
            end
            local out = {replaced}
            for _, f in ipairs(order) do
              local x = cur[f]
              if x[1] + x[2] < 1e-9 then
                redis.call('HDEL', KEYS[2], f)
              else
                redis.call('HSET', KEYS[2], f, cjson.encode({r = x[1], w = x[2], t = now}))
              end
              out[#out + 1] = f
              out[#out + 1] = string.format('%.17g', x[1])
              out[#out + 1] = string.format('%.17g', x[2])
            end
            redis.call('SET', KEYS[1], cjson.encode({t = now, g = gen, c = nxt}), 'PX', ARGV[3])
            return out
            """;

    /** The stored form of a completion: times in epoch milliseconds. */
    record Stored(int version, String owner, List<String> experts, List<StoredSkill> skills, long expires) {}

    /** A skill and its probability, as stored. */
    record StoredSkill(String skill, double p) {}

    private final RedisState redis;
    private final JsonMapper json;
    private final Clock clock;
    private final String overlay;
    private final String generation;

    RedisFeedbackStore(RedisState redis, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.overlay = redis.key("feedback", "overlay");
        this.generation = redis.key("feedback", "generation");
    }

    private String completion(String id) {
        return redis.key("feedback", "completion", id);
    }

    private String applied(String id) {
        return redis.key("feedback", "applied", id);
    }

    @Override
    public boolean remember(CompletionRecord record) {
        long ttl = record.expires().toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return false;
        }
        String body = json.writeValueAsString(new Stored(
                1,
                record.owner(),
                record.experts(),
                record.skills().stream()
                        .map(s -> new StoredSkill(s.skill(), s.probability()))
                        .toList(),
                record.expires().toEpochMilli()));
        return "OK"
                .equals(redis.call(c -> c.set(
                        completion(record.id()), body, SetArgs.Builder.nx().px(ttl))));
    }

    @Override
    public Optional<CompletionRecord> find(String id) {
        String body = redis.call(c -> c.get(completion(id)));
        if (body == null) {
            return Optional.empty();
        }
        return read(id, body).filter(r -> clock.instant().isBefore(r.expires()));
    }

    @Override
    public Applied apply(CompletionRecord record, List<Contribution> next, long nowMillis, long halfLifeMillis) {
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (Contribution c : next) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("f", c.key().field());
            one.put("r", c.right());
            one.put("w", c.wrong());
            contributions.add(one);
        }
        long ttl = Math.max(1, record.expires().toEpochMilli() - nowMillis);
        String[] keys = {applied(record.id()), overlay, generation};
        String[] args = {
            Long.toString(nowMillis),
            Long.toString(halfLifeMillis),
            Long.toString(ttl),
            json.writeValueAsString(contributions)
        };
        List<Object> out = redis.call(c -> c.<List<Object>>eval(APPLY, ScriptOutputType.MULTI, keys, args));
        Map<FeedbackKey, FeedbackCounts> totals = new LinkedHashMap<>();
        for (int i = 1; i + 2 < out.size(); i += 3) {
            Optional<FeedbackKey> key = FeedbackKey.parse(String.valueOf(out.get(i)));
            if (key.isPresent()) {
                double right = Double.parseDouble(String.valueOf(out.get(i + 1)));
                double wrong = Double.parseDouble(String.valueOf(out.get(i + 2)));
                totals.put(key.get(), new FeedbackCounts(right, wrong, nowMillis));
            }
        }
        return new Applied(Long.valueOf(1).equals(out.getFirst()), totals);
    }

    @Override
    public Map<FeedbackKey, FeedbackCounts> overlay() {
        Map<String, String> fields = redis.call(c -> c.hgetall(overlay));
        Map<FeedbackKey, FeedbackCounts> counts = new LinkedHashMap<>();
        fields.forEach((field, value) -> FeedbackKey.parse(field).ifPresent(key -> {
            try {
                JsonNode node = json.readTree(value);
                counts.put(
                        key,
                        new FeedbackCounts(
                                node.path("r").asDouble(),
                                node.path("w").asDouble(),
                                node.path("t").asLong()));
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("feedback for '{}' in Redis is not readable; it counts as none", field);
            }
        }));
        return counts;
    }

    @Override
    public void clear() {
        redis.transaction(c -> {
            c.multi();
            c.del(overlay);
            c.incr(generation);
            return c.exec();
        });
    }

    /** A stored completion; what is not one (written by something else, or damaged) is none. */
    private Optional<CompletionRecord> read(String id, String body) {
        try {
            Stored stored = json.readValue(body, Stored.class);
            return Optional.of(new CompletionRecord(
                    id,
                    stored.owner(),
                    stored.experts(),
                    stored.skills().stream()
                            .map(s -> new CompletionRecord.SkillWeight(s.skill(), s.p()))
                            .toList(),
                    Instant.ofEpochMilli(stored.expires())));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn(
                    "a remembered completion in Redis is not readable; it counts as none: {}",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
