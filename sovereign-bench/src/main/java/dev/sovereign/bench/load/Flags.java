package dev.sovereign.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --switch} arguments of a load tool's {@code main}. Unknown
 * names fail with a message naming them, so a typo in a benchmark script never silently runs the
 * default. Not thread-safe; read once at start.
 */
public final class Flags {

    private final Map<String, List<String>> values = new HashMap<>();

    private Flags() {}

    /**
     * Parses {@code args}; names in {@code switches} take no value, names in {@code options} take one
     * (and may repeat).
     *
     * @throws IllegalArgumentException on an unknown name or a missing value
     */
    public static Flags parse(String[] args, Set<String> options, Set<String> switches) {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (switches.contains(name)) {
                flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (options.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                flags.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + name + "; known: " + options + " " + switches);
            }
        }
        return flags;
    }

    public String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    public String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    public int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs an integer, got '" + v + "'");
        }
    }

    public boolean on(String name) {
        return values.containsKey(name);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
