package dev.sovereign.cost;

import dev.sovereign.config.yaml.YamlTree;
import dev.sovereign.cost.internal.PriceFile;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The price table estimates are made from: the built-in {@code prices.yaml} (written from the providers' public
 * pricing pages on the date each entry names, to be re-checked), extended by an organisation's
 * {@code config/prices.yaml}. An entry of that file with a built-in id replaces it where it stands; new entries go
 * before the built-in ones, so an organisation's own price for a model wins. Every field is checked at load, and a
 * message names the file and the field. Immutable and thread-safe.
 */
public final class Prices {
    /** The file name in a configuration directory. */
    public static final String FILE = "prices.yaml";

    /** The utilisation self-hosted offers are costed at when neither file nor caller says. */
    public static final double DEFAULT_UTILISATION = 0.5;

    private final List<ApiPrice> api;
    private final List<Premium> premiums;
    private final List<Offer> offers;
    private final double utilisation;
    private final List<String> files;

    private Prices(
            List<ApiPrice> api, List<Premium> premiums, List<Offer> offers, double utilisation, List<String> files) {
        this.api = List.copyOf(api);
        this.premiums = List.copyOf(premiums);
        this.offers = List.copyOf(offers);
        this.utilisation = utilisation;
        this.files = List.copyOf(files);
    }

    /** The built-in prices. */
    public static Prices defaults() {
        return load(null);
    }

    /**
     * The built-in prices extended by {@code file}, when it is given and exists.
     *
     * @throws IllegalArgumentException naming the file and the field, when an entry is invalid
     */
    public static Prices load(Path file) {
        PriceFile builtIn;
        try (InputStream in = Prices.class.getResourceAsStream(FILE)) {
            builtIn = new PriceFile(YamlTree.read(in, "built-in " + FILE), "built-in " + FILE);
        } catch (IOException e) {
            throw new IllegalStateException("built-in " + FILE + " cannot be read", e);
        }
        List<String> files = new ArrayList<>(List.of("built-in " + FILE));
        if (file == null || !Files.exists(file)) {
            return new Prices(
                    builtIn.api,
                    builtIn.premiums,
                    builtIn.offers,
                    builtIn.utilisation == null ? DEFAULT_UTILISATION : builtIn.utilisation,
                    files);
        }
        PriceFile own;
        try (InputStream in = Files.newInputStream(file)) {
            own = new PriceFile(YamlTree.read(in, file.toString()), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
        files.add(file.toString());
        double utilisation = own.utilisation != null
                ? own.utilisation
                : builtIn.utilisation == null ? DEFAULT_UTILISATION : builtIn.utilisation;
        return new Prices(
                merge(builtIn.api, own.api, ApiPrice::id, file),
                merge(builtIn.premiums, own.premiums, Premium::id, file),
                merge(builtIn.offers, own.offers, Offer::id, file),
                utilisation,
                files);
    }

    private static <T> List<T> merge(List<T> builtIn, List<T> own, Function<T, String> id, Path file) {
        Map<String, T> replacing = new LinkedHashMap<>();
        List<T> added = new ArrayList<>();
        for (T t : own) {
            if (replacing.containsKey(id.apply(t))
                    || added.stream().anyMatch(a -> id.apply(a).equals(id.apply(t))))
                throw new IllegalArgumentException(file + ": id '" + id.apply(t) + "' appears twice");
            if (builtIn.stream().anyMatch(b -> id.apply(b).equals(id.apply(t)))) replacing.put(id.apply(t), t);
            else added.add(t);
        }
        List<T> merged = new ArrayList<>(added);
        for (T b : builtIn) merged.add(replacing.getOrDefault(id.apply(b), b));
        return merged;
    }

    /**
     * The price of {@code model} on the deployment described by {@code profileId} on {@code date}: the first
     * matching entry, with every matching premium applied; empty when no entry matches.
     */
    public Optional<Rate> lookup(String profileId, String model, LocalDate date) {
        if (profileId == null || model == null) return Optional.empty();
        for (ApiPrice p : api) {
            if (p.matches(profileId, model, date)) return Optional.of(rate(p, premiums(profileId, model, date)));
        }
        return Optional.empty();
    }

    /** The premiums that apply to {@code model} on {@code profileId} on {@code date}. */
    public List<Premium> premiums(String profileId, String model, LocalDate date) {
        return premiums.stream().filter(x -> x.matches(profileId, model, date)).toList();
    }

    /** {@code price} with {@code applied} premiums multiplied in. */
    public static Rate rate(ApiPrice price, List<Premium> applied) {
        BigDecimal factor = BigDecimal.ONE;
        List<String> sources = new ArrayList<>(List.of(price.source()));
        boolean uncertain = price.uncertain();
        for (Premium x : applied) {
            factor = factor.multiply(x.factor());
            if (!sources.contains(x.source())) sources.add(x.source());
            uncertain |= x.uncertain();
        }
        return new Rate(
                price.id(),
                times(price.input(), factor),
                times(price.output(), factor),
                times(price.cachedInput(), factor),
                times(price.cacheWrite(), factor),
                sources,
                uncertain);
    }

    private static BigDecimal times(BigDecimal v, BigDecimal factor) {
        return v == null ? null : v.multiply(factor, MathContext.DECIMAL64).stripTrailingZeros();
    }

    /** Every API price entry, in lookup order. */
    public List<ApiPrice> api() {
        return api;
    }

    public List<Premium> premiums() {
        return premiums;
    }

    /** The self-hosted offers. */
    public List<Offer> offers() {
        return offers;
    }

    /** The utilisation self-hosted offers are costed at unless a caller says otherwise. */
    public double utilisation() {
        return utilisation;
    }

    /** Where the prices were read from. */
    public List<String> files() {
        return files;
    }
}
