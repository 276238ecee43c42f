package dev.sovereign.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The counters of one process, for a gateway without Redis. One lock; expired counters and slots are swept every
 * few thousand operations. Thread-safe.
 */
public final class InMemoryLimitStore implements LimitStore {
    private static final int SWEEP_EVERY = 4096;

    private final LongSupplier clock;
    private final Map<String, long[]> counters = new HashMap<>(); // {value, expires at ms}
    private final Map<String, Map<String, Long>> slots = new HashMap<>(); // member -> expires at ms
    private int operations;

    /** @param clock milliseconds since the epoch */
    public InMemoryLimitStore(LongSupplier clock) {
        this.clock = clock;
    }

    public InMemoryLimitStore() {
        this(System::currentTimeMillis);
    }

    @Override
    public synchronized CompletionStage<Admission> acquire(List<Counter> wanted, List<Slot> wantedSlots) {
        long now = tick();
        List<Long> counts = new ArrayList<>(wanted.size() + wantedSlots.size());
        int refused = -1;
        for (int i = 0; i < wanted.size(); i++) {
            Counter c = wanted.get(i);
            long value = value(c.key(), now);
            counts.add(value);
            if (refused < 0 && value + c.amount() > c.limit()) refused = i;
        }
        for (int i = 0; i < wantedSlots.size(); i++) {
            Slot s = wantedSlots.get(i);
            long held = held(s.key(), now);
            counts.add(held);
            if (refused < 0 && held + 1 > s.limit()) refused = wanted.size() + i;
        }
        if (refused >= 0) return CompletableFuture.completedFuture(new Admission(refused, counts));
        for (int i = 0; i < wanted.size(); i++) {
            Counter c = wanted.get(i);
            counts.set(i, add(c, now));
        }
        for (int i = 0; i < wantedSlots.size(); i++) {
            Slot s = wantedSlots.get(i);
            slots.computeIfAbsent(s.key(), k -> new HashMap<>()).put(s.member(), now + s.ttlMillis());
            counts.set(wanted.size() + i, (long) slots.get(s.key()).size());
        }
        return CompletableFuture.completedFuture(new Admission(-1, counts));
    }

    @Override
    public synchronized CompletionStage<Void> settle(List<Counter> adjustments, List<Slot> release) {
        long now = tick();
        for (Counter c : adjustments) {
            if (c.amount() != 0) add(c, now);
        }
        for (Slot s : release) {
            Map<String, Long> held = slots.get(s.key());
            if (held != null) {
                held.remove(s.member());
                if (held.isEmpty()) slots.remove(s.key());
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<List<Long>> read(List<String> counterKeys, List<String> slotKeys) {
        long now = tick();
        List<Long> out = new ArrayList<>(counterKeys.size() + slotKeys.size());
        for (String k : counterKeys) out.add(value(k, now));
        for (String k : slotKeys) out.add(held(k, now));
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void close() {}

    private long add(Counter c, long now) {
        long[] v = counters.get(c.key());
        if (v == null || v[1] <= now) {
            v = new long[] {0, now + c.ttlMillis()};
            counters.put(c.key(), v);
        }
        v[0] += c.amount();
        return v[0];
    }

    private long value(String key, long now) {
        long[] v = counters.get(key);
        return v == null || v[1] <= now ? 0 : v[0];
    }

    private long held(String key, long now) {
        Map<String, Long> held = slots.get(key);
        if (held == null) return 0;
        held.values().removeIf(expires -> expires <= now);
        return held.size();
    }

    private long tick() {
        long now = clock.getAsLong();
        if (++operations % SWEEP_EVERY == 0) sweep(now);
        return now;
    }

    private void sweep(long now) {
        counters.values().removeIf(v -> v[1] <= now);
        for (Iterator<Map<String, Long>> it = slots.values().iterator(); it.hasNext(); ) {
            Map<String, Long> held = it.next();
            held.values().removeIf(expires -> expires <= now);
            if (held.isEmpty()) it.remove();
        }
    }
}
