package dev.sovereign.store;

import dev.sovereign.limits.LimitStore.Admission;
import dev.sovereign.limits.LimitStore.Counter;
import dev.sovereign.limits.LimitStore.Slot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts of the usage counters in Redis ({@code limits-acquire.lua}, {@code limits-settle.lua}, {@code
 * limits-read.lua}) and how a call to each is written and its reply read, whatever client sends them. Each call is
 * one script, so an acquire is atomic across every client of the same Redis. Amounts and limits are exact up to 2^53
 * (Lua's numbers). Stateless.
 */
public final class LimitScripts {
    /** A script and its SHA-1, by which Redis caches it ({@code EVALSHA}, else {@code EVAL}). */
    public record Script(String text, String sha) {
        static Script load(String name) {
            try (InputStream in = LimitScripts.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("missing resource " + name);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] sha = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(sha));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One script call: its keys and arguments, as {@code EVALSHA sha numkeys key… arg…} takes them. */
    public record Call(Script script, List<String> keys, List<String> args) {}

    public static final Script ACQUIRE = Script.load("limits-acquire.lua");
    public static final Script SETTLE = Script.load("limits-settle.lua");
    public static final Script READ = Script.load("limits-read.lua");

    private LimitScripts() {}

    /** The call that takes every counter and slot or none; {@code null} when there is nothing to take. */
    public static Call acquire(List<Counter> counters, List<Slot> slots) {
        if (counters.isEmpty() && slots.isEmpty()) return null;
        List<String> keys = new ArrayList<>(counters.size() + slots.size());
        List<String> args = new ArrayList<>(1 + 3 * (counters.size() + slots.size()));
        args.add(Integer.toString(counters.size()));
        for (Counter c : counters) {
            keys.add(c.key());
            args.add(Long.toString(c.limit()));
            args.add(Long.toString(c.amount()));
            args.add(Long.toString(c.ttlMillis()));
        }
        for (Slot s : slots) {
            keys.add(s.key());
            args.add(Long.toString(s.limit()));
            args.add(s.member());
            args.add(Long.toString(s.ttlMillis()));
        }
        return new Call(ACQUIRE, keys, args);
    }

    /** What the acquire script answered for {@code n} counters and slots. */
    public static Admission admission(List<Long> reply, int n) {
        List<Long> values = checked(reply, n + 1);
        return new Admission(Math.toIntExact(values.get(0)), values.subList(1, n + 1));
    }

    /** The call that adds the non-zero adjustments and frees the slots; {@code null} when there is nothing to do. */
    public static Call settle(List<Counter> adjustments, List<Slot> release) {
        List<Counter> counters = new ArrayList<>(adjustments.size());
        for (Counter c : adjustments) {
            if (c.amount() != 0) counters.add(c);
        }
        if (counters.isEmpty() && release.isEmpty()) return null;
        List<String> keys = new ArrayList<>(counters.size() + release.size());
        List<String> args = new ArrayList<>(1 + 2 * counters.size() + release.size());
        args.add(Integer.toString(counters.size()));
        for (Counter c : counters) {
            keys.add(c.key());
            args.add(Long.toString(c.amount()));
            args.add(Long.toString(c.ttlMillis()));
        }
        for (Slot s : release) {
            keys.add(s.key());
            args.add(s.member());
        }
        return new Call(SETTLE, keys, args);
    }

    /** The call that reads counters and held slots; {@code null} when there is nothing to read. */
    public static Call read(List<String> counterKeys, List<String> slotKeys) {
        if (counterKeys.isEmpty() && slotKeys.isEmpty()) return null;
        List<String> keys = new ArrayList<>(counterKeys.size() + slotKeys.size());
        keys.addAll(counterKeys);
        keys.addAll(slotKeys);
        return new Call(READ, keys, List.of(Integer.toString(counterKeys.size())));
    }

    /** The read script's answer: {@code n} values. */
    public static List<Long> values(List<Long> reply, int n) {
        return checked(reply, n);
    }

    private static List<Long> checked(List<Long> reply, int size) {
        if (reply == null || reply.size() != size) {
            throw new IllegalStateException(
                    "unexpected reply from a limits script: " + (reply == null ? "none" : reply.size() + " values"));
        }
        return reply;
    }
}
