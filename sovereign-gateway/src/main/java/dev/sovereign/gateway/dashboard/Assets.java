package dev.sovereign.gateway.dashboard;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the jar: its own pages, scripts and styles under {@value #ROOT}, and the charting
 * library (uPlot) from its webjar. Nothing is read from the file system or fetched from elsewhere, so the dashboard
 * works offline.
 *
 * <p>A name is served only when it matches a strict pattern (lower-case path segments without dots, one known
 * extension), so no request can climb out of the dashboard's folder, whatever its encoding. Files are read once and
 * kept with their content type and an ETag. Thread-safe.
 */
public final class Assets {
    static final String ROOT = "dev/sovereign/gateway/dashboard/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*){0,3}\\.(js|css|svg|html)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    /** One file: its bytes, content type and strong ETag. */
    public record Asset(Buffer body, String contentType, String etag) {}

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();
    private final Map<String, String> vendor;

    public Assets() {
        this(Assets.class.getClassLoader());
    }

    Assets(ClassLoader loader) {
        this.loader = loader;
        String dist = "META-INF/resources/webjars/uplot/" + uplotVersion(loader) + "/";
        this.vendor = Map.of(
                "uplot.js", dist + "dist/uPlot.esm.js",
                "uplot.css", dist + "dist/uPlot.min.css",
                "uplot-license.txt", dist + "LICENSE");
    }

    /** A file of the dashboard, by its name below {@value #ROOT} ({@code assets/app.js}); empty when there is none. */
    public Optional<Asset> own(String name) {
        if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
        return cache.computeIfAbsent(name, n -> read(ROOT + n, extension(n)));
    }

    /** A file of the charting library: {@code uplot.js}, {@code uplot.css} or {@code uplot-license.txt}. */
    public Optional<Asset> vendor(String name) {
        String path = vendor.get(name);
        if (path == null) return Optional.empty();
        return cache.computeIfAbsent("vendor/" + name, n -> read(path, extension(name)));
    }

    private Optional<Asset> read(String path, String extension) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) return Optional.empty();
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(Buffer.buffer(bytes), TYPES.get(extension), etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the jar", e);
        }
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The version of the uPlot webjar on the class path, which names the folder its files are in. */
    private static String uplotVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the dashboard's charting library is missing from the class path (" + UPLOT_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
    }
}
