package dev.sovereign.gateway.limits;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.limits.LimitStore;
import dev.sovereign.store.LimitScripts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage counters in a Redis that gateway replicas share, asked from the gateway's own event loops: each event loop
 * has its own connection, so a call is written and its answer read on the loop of the request that made it, without
 * a hand-off to another client's threads (a hand-off that cost Lettuce about a third of the limits' overhead, see
 * BENCHMARKS.md). The scripts and their semantics are {@link LimitScripts}'s: an acquire is atomic across every client
 * of the same Redis.
 *
 * <p>A connection is made on a loop's first call: a store opened while Redis is down fails its calls and tries to
 * connect again on a later call, at most once a second per loop. A call fails after the settings' timeout when Redis
 * does not answer, and its connection is closed and made again, so that a Redis that went silent is not waited on by
 * every later call; a call that failed may still have been carried out by Redis, which then counts against the limits
 * until the counters' and slots' times to live end. Calls from a thread that is not an event loop run on a context of
 * the store's own. Thread-safe.
 */
public final class EventLoopRedisLimitStore implements LimitStore {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopRedisLimitStore.class);

    /** How long after a failed connect the next call of the same loop tries again, rather than failing at once. */
    static final Duration RETRY_CONNECT = Duration.ofSeconds(1);

    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Redis client;
    private final Duration timeout;
    private final String described;
    /**
     * One connection per event loop, keyed by the loop's thread: a request runs on a duplicate of its verticle's context,
     * a new one for each request, so a context would make a connection per request.
     */
    private final Map<Thread, Link> links = new ConcurrentHashMap<>();

    private final Context ownContext;
    private volatile boolean down;

    /** One event loop's connection; confined to that loop's thread. */
    private static final class Link {
        Future<RedisConnection> connection;
        long failedAt;
    }

    private EventLoopRedisLimitStore(Vertx vertx, Redis client, Duration timeout, String described) {
        this.vertx = vertx;
        this.client = client;
        this.timeout = timeout;
        this.described = described;
        this.ownContext = vertx.getOrCreateContext();
    }

    /** A store on the Redis of {@code settings}, on {@code vertx}'s event loops. Does not connect yet. */
    public static EventLoopRedisLimitStore open(Vertx vertx, RedisSettings settings) {
        Duration timeout = settings.timeout();
        Duration connect = timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 ? MIN_CONNECT_TIMEOUT : timeout;
        RedisOptions options = new RedisOptions()
                .setConnectionString(settings.url())
                .setMaxPoolSize(Math.max(8, 2 * Runtime.getRuntime().availableProcessors() + 2))
                .setMaxPoolWaiting(64)
                .setNetClientOptions(new NetClientOptions()
                        .setConnectTimeout((int) connect.toMillis())
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true));
        settings.password().ifPresent(p -> options.setPassword(p.reveal()));
        return new EventLoopRedisLimitStore(vertx, Redis.createClient(vertx, options), timeout, settings.describe());
    }

    @Override
    public CompletionStage<Admission> acquire(List<Counter> counters, List<Slot> slots) {
        LimitScripts.Call call = LimitScripts.acquire(counters, slots);
        if (call == null)
            return Future.succeededFuture(new Admission(-1, List.of())).toCompletionStage();
        int n = counters.size() + slots.size();
        return run(call).map(r -> LimitScripts.admission(longs(r), n)).toCompletionStage();
    }

    @Override
    public CompletionStage<Void> settle(List<Counter> adjustments, List<Slot> release) {
        LimitScripts.Call call = LimitScripts.settle(adjustments, release);
        if (call == null) return Future.<Void>succeededFuture().toCompletionStage();
        return run(call).<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<List<Long>> read(List<String> counterKeys, List<String> slotKeys) {
        LimitScripts.Call call = LimitScripts.read(counterKeys, slotKeys);
        if (call == null) return Future.succeededFuture(List.<Long>of()).toCompletionStage();
        int n = counterKeys.size() + slotKeys.size();
        return run(call).map(r -> LimitScripts.values(longs(r), n)).toCompletionStage();
    }

    @Override
    public String kind() {
        return "redis";
    }

    /** Closes every connection and the client. */
    @Override
    public void close() {
        client.close();
    }

    /** Connections made and not dropped, one per event loop at most. */
    int connections() {
        int n = 0;
        for (Link l : links.values()) {
            Future<RedisConnection> c = l.connection;
            if (c != null && c.succeeded()) n++;
        }
        return n;
    }

    @Override
    public String toString() {
        return "EventLoopRedisLimitStore[" + described + "]";
    }

    /** Runs {@code call} on the caller's event loop (or the store's own context), within the timeout. */
    private Future<Response> run(LimitScripts.Call call) {
        Context context = Vertx.currentContext();
        if (context != null && context.isEventLoopContext()) return send(context, call);
        Promise<Response> answered = Promise.promise();
        ownContext.runOnContext(v -> send(ownContext, call).onComplete(answered));
        return answered.future();
    }

    private Future<Response> send(Context context, LimitScripts.Call call) {
        Link link = links.computeIfAbsent(Thread.currentThread(), t -> new Link());
        return connection(link)
                .compose(c -> c.send(request(Command.EVALSHA, call.script().sha(), call))
                        .recover(e -> noScript(e)
                                ? c.send(request(Command.EVAL, call.script().text(), call))
                                : Future.failedFuture(e)))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .onFailure(e -> {
                    // a silent or broken connection is made again by the next call
                    if (e instanceof TimeoutException) drop(link);
                });
    }

    private static Request request(Command command, String script, LimitScripts.Call call) {
        Request r = Request.cmd(command).arg(script).arg(call.keys().size());
        for (String k : call.keys()) r.arg(k);
        for (String a : call.args()) r.arg(a);
        return r;
    }

    private static boolean noScript(Throwable e) {
        String m = e.getMessage();
        return m != null && m.startsWith("NOSCRIPT");
    }

    /** The loop's connection, made when there is none, or when the last attempt failed more than a second ago. */
    private Future<RedisConnection> connection(Link link) {
        Future<RedisConnection> current = link.connection;
        if (current != null && (!current.failed() || System.nanoTime() - link.failedAt < RETRY_CONNECT.toNanos())) {
            return current;
        }
        Future<RedisConnection> made = client.connect();
        link.connection = made;
        made.onSuccess(c -> {
                    if (down) LOG.info("usage limits on Redis {}: connected", described);
                    down = false;
                    c.exceptionHandler(e -> drop(link, made));
                    c.endHandler(v -> drop(link, made));
                })
                .onFailure(e -> {
                    link.failedAt = System.nanoTime();
                    if (!down) {
                        LOG.warn(
                                "usage limits on Redis {}: cannot connect ({}); trying again on later calls",
                                described,
                                e.getClass().getSimpleName());
                    }
                    down = true;
                });
        return made;
    }

    private void drop(Link link) {
        Future<RedisConnection> current = link.connection;
        if (current != null) drop(link, current);
    }

    private void drop(Link link, Future<RedisConnection> which) {
        if (link.connection != which) return;
        link.connection = null;
        if (which.succeeded()) which.result().close();
    }

    private static List<Long> longs(Response r) {
        if (r == null) return null;
        List<Long> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) out.add(r.get(i).toLong());
        return out;
    }
}
