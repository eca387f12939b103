package io.coerouter.router.dispatch;

import io.coerouter.router.dispatch.RedisConnector.Link;
import io.coerouter.router.state.StateUnavailableException;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link ExpertWorkQueue} on Redis Streams, over a standalone or a cluster Lettuce connection (both sync APIs
 * implement the stream and scripting commands used here). Each entry stays in the stream until acknowledged, so the
 * stream's length is the queue's depth (waiting plus in flight), which a script checks against the capacity before
 * adding. Blocking reads use a connection per worker, so they never stall the shared one.
 */
final class RedisExpertWorkQueue implements ExpertWorkQueue {

    static final String GROUP = "workers";

    private static final String ENQUEUE =
            """
            if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
            return redis.call('XADD', KEYS[1], '*', 'rid', ARGV[2], 'reply', ARGV[3], 'payload', ARGV[4], 'at', ARGV[5])
            """;
    private static final String ACK =
            """
            local n = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
            redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
            return n
            """;
    /**
     * Waiting, in flight and the oldest waiting entry's age in one round trip. Acknowledged entries are deleted, so
     * the stream holds exactly the waiting and the in-flight ones; the first entry after the group's last delivered id
     * is the oldest waiting (its id's time is Redis's clock, read here too).
     */
    private static final String BACKLOG =
            """
            local length = redis.call('XLEN', KEYS[1])
            if length == 0 then return {0, 0, -1} end
            local pending, last = 0, '0-0'
            local ok, groups = pcall(redis.call, 'XINFO', 'GROUPS', KEYS[1])
            if ok then
              for _, g in ipairs(groups) do
                local name, p, l
                for i = 1, #g, 2 do
                  if g[i] == 'name' then name = g[i + 1]
                  elseif g[i] == 'pending' then p = g[i + 1]
                  elseif g[i] == 'last-delivered-id' then l = g[i + 1] end
                end
                if name == ARGV[1] then pending, last = p, l end
              end
            end
            local age = -1
            local next = redis.call('XRANGE', KEYS[1], '(' .. last, '+', 'COUNT', 1)
            if #next > 0 then
              local now = redis.call('TIME')
              local at = tonumber(string.match(next[1][1], '^(%d+)'))
              age = math.max(0, tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - at)
            end
            return {math.max(0, length - pending), pending, age}
            """;
    /**
     * Restarts the idle time of the entries {@code ARGV[2]} still holds (XCLAIM to itself with no minimum idle time):
     * an entry another worker has reclaimed meanwhile is left alone, since XCLAIM would take it back.
     */
    private static final String RENEW =
            """
            local n = 0
            for i = 3, #ARGV do
              local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if #p > 0 and p[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
                n = n + 1
              end
            end
            return n
            """;
    /** Deletes an entry unless it is in the group's pending list (given to a worker); no group: never given. */
    private static final String REMOVE =
            """
            local ok, pending = pcall(redis.call, 'XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
            if ok and #pending > 0 then return 0 end
            return redis.call('XDEL', KEYS[1], ARGV[2])
            """;

    private static final Pattern ENTRY_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");
    private static final int RECLAIM_SCANS = 100;

    private final RedisConnector connector;
    private final Link shared;
    private final String prefix;
    private final long capacity;
    private final Duration timeout;
    private final Map<String, Link> blocking = new ConcurrentHashMap<>();
    private final Set<String> groups = ConcurrentHashMap.newKeySet();

    private RedisExpertWorkQueue(RedisConnector connector, String prefix, long capacity, Duration timeout) {
        this.connector = connector;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.capacity = capacity;
        this.timeout = timeout;
        this.shared = connector.connectFirst();
    }

    static RedisExpertWorkQueue standalone(String url, String prefix, long capacity, Duration timeout) {
        requireCapacity(capacity);
        return new RedisExpertWorkQueue(RedisConnector.standalone(url, timeout), prefix, capacity, timeout);
    }

    static RedisExpertWorkQueue cluster(List<String> seedUrls, String prefix, long capacity, Duration timeout) {
        requireCapacity(capacity);
        return new RedisExpertWorkQueue(RedisConnector.cluster(seedUrls, timeout), prefix, capacity, timeout);
    }

    private static void requireCapacity(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
    }

    @Override
    public ExpertKeys keys(String expert) {
        return new ExpertKeys(prefix, expert);
    }

    @Override
    public String enqueue(String expert, WorkItem item) {
        Objects.requireNonNull(item, "item");
        String stream = keys(expert).stream();
        String id = call(() -> shared.commands()
                .eval(
                        ENQUEUE,
                        ScriptOutputType.VALUE,
                        new String[] {stream},
                        Long.toString(capacity),
                        item.requestId(),
                        item.replyTo(),
                        item.payload(),
                        Long.toString(item.enqueuedAtMillis())));
        if (id == null) {
            throw new QueueFullException(expert, capacity);
        }
        return id;
    }

    @Override
    public List<Delivery> take(String expert, String worker, int max, Duration block) {
        requireWorker(worker);
        requireMax(max);
        String stream = keys(expert).stream();
        boolean blocks = block != null && block.isPositive();
        XReadArgs args = XReadArgs.Builder.count(max);
        Link link = shared;
        if (blocks) {
            args.block(block);
            link = blocking.computeIfAbsent(worker + '\u0000' + expert, w -> connector.connect());
            link.connection().setTimeout(timeout.plus(block));
        }
        Link on = link;
        List<StreamMessage<String, String>> messages = withGroup(expert, () -> on.commands()
                .xreadgroup(Consumer.from(GROUP, worker), args, XReadArgs.StreamOffset.lastConsumed(stream)));
        return deliveries(expert, messages);
    }

    @Override
    public long ack(String expert, Collection<String> ids) {
        String stream = keys(expert).stream();
        if (ids.isEmpty()) {
            return 0;
        }
        String[] args = new String[ids.size() + 1];
        args[0] = GROUP;
        int i = 1;
        for (String id : ids) {
            args[i++] = Objects.requireNonNull(id, "id");
        }
        Long acked = call(() -> shared.commands().eval(ACK, ScriptOutputType.INTEGER, new String[] {stream}, args));
        return acked == null ? 0 : acked;
    }

    @Override
    public List<Delivery> reclaim(String expert, String worker, Duration minIdle, int max) {
        requireWorker(worker);
        requireMax(max);
        Objects.requireNonNull(minIdle, "minIdle");
        String stream = keys(expert).stream();
        List<Delivery> claimed = new ArrayList<>();
        String cursor = "0-0";
        for (int scan = 0; scan < RECLAIM_SCANS && claimed.size() < max; scan++) {
            String start = cursor;
            int want = max - claimed.size();
            ClaimedMessages<String, String> page = withGroup(expert, () -> shared.commands()
                    .xautoclaim(
                            stream,
                            XAutoClaimArgs.Builder.xautoclaim(Consumer.from(GROUP, worker), minIdle, start)
                                    .count(want)));
            if (page == null) {
                break;
            }
            claimed.addAll(deliveries(expert, page.getMessages()));
            cursor = page.getId();
            if (cursor == null || "0-0".equals(cursor)) {
                break;
            }
        }
        return claimed;
    }

    @Override
    public boolean remove(String expert, String entryId) {
        Objects.requireNonNull(entryId, "entryId");
        if (!ENTRY_ID.matcher(entryId).matches()) {
            throw new IllegalArgumentException("entryId must be a stream entry id (<millis>-<sequence>)");
        }
        String stream = keys(expert).stream();
        Long removed = call(
                () -> shared.commands().eval(REMOVE, ScriptOutputType.INTEGER, new String[] {stream}, GROUP, entryId));
        return removed != null && removed > 0;
    }

    @Override
    public long depth(String expert) {
        String stream = keys(expert).stream();
        Long length = call(() -> shared.commands().xlen(stream));
        return length == null ? 0 : length;
    }

    @Override
    public long renew(String expert, String worker, Collection<String> ids) {
        requireWorker(worker);
        if (ids.isEmpty()) {
            return 0;
        }
        String stream = keys(expert).stream();
        String[] args = new String[ids.size() + 2];
        args[0] = GROUP;
        args[1] = worker;
        int i = 2;
        for (String id : ids) {
            args[i++] = Objects.requireNonNull(id, "id");
        }
        Long renewed = withGroup(
                expert, () -> shared.commands().eval(RENEW, ScriptOutputType.INTEGER, new String[] {stream}, args));
        return renewed == null ? 0 : renewed;
    }

    @Override
    public Backlog backlog(String expert) {
        String stream = keys(expert).stream();
        List<Object> reply =
                call(() -> shared.commands().eval(BACKLOG, ScriptOutputType.MULTI, new String[] {stream}, GROUP));
        if (reply == null || reply.size() != 3) {
            return Backlog.EMPTY;
        }
        return new Backlog(number(reply.get(0)), number(reply.get(1)), number(reply.get(2)));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }

    @Override
    public void close() {
        blocking.values().forEach(link -> link.connection().close());
        blocking.clear();
        shared.connection().close();
        connector.close();
    }

    /**
     * The items of {@code messages}; an entry that is not a work item (deleted meanwhile, or written by something
     * else) is acknowledged away instead of being handed out again and again.
     */
    private List<Delivery> deliveries(String expert, List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>(messages.size());
        List<String> malformed = new ArrayList<>();
        for (StreamMessage<String, String> message : messages) {
            WorkItem item = item(message.getBody());
            if (item == null) {
                malformed.add(message.getId());
            } else {
                deliveries.add(new Delivery(message.getId(), item));
            }
        }
        if (!malformed.isEmpty()) {
            ack(expert, malformed);
        }
        return List.copyOf(deliveries);
    }

    private static WorkItem item(Map<String, String> body) {
        if (body == null) {
            return null;
        }
        try {
            return new WorkItem(
                    body.get("rid"), body.get("reply"), body.get("payload"), Long.parseLong(body.get("at")));
        } catch (RuntimeException notAnItem) {
            return null;
        }
    }

    /** Runs {@code read}, creating the expert's consumer group (and stream) first when it does not exist yet. */
    private <T> T withGroup(String expert, Supplier<T> read) {
        String stream = keys(expert).stream();
        if (!groups.contains(stream)) {
            createGroup(stream);
        }
        try {
            return call(read);
        } catch (StateUnavailableException e) {
            if (!(e.getCause() instanceof RedisCommandExecutionException cause)
                    || cause.getMessage() == null
                    || !cause.getMessage().startsWith("NOGROUP")) {
                throw e;
            }
            // The stream was deleted since (or Redis restarted empty): create the group again, once.
            groups.remove(stream);
            createGroup(stream);
            return call(read);
        }
    }

    private void createGroup(String stream) {
        try {
            call(() -> shared.commands()
                    .xgroupCreate(
                            XReadArgs.StreamOffset.from(stream, "0"), GROUP, XGroupCreateArgs.Builder.mkstream()));
        } catch (StateUnavailableException e) {
            if (!(e.getCause() instanceof RedisCommandExecutionException cause)
                    || cause.getMessage() == null
                    || !cause.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        groups.add(stream);
    }

    private static <T> T call(Supplier<T> command) {
        return RedisConnector.call(command);
    }

    private static void requireWorker(String worker) {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("worker must not be blank");
        }
    }

    private static void requireMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
    }
}
