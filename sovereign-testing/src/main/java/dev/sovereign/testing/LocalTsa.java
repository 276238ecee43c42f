package dev.sovereign.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A time-stamping authority on loopback that speaks RFC 3161 over HTTP (RFC 3161 §3.4: POST {@code
 * application/timestamp-query}, answer {@code application/timestamp-reply}), built with Bouncy Castle's TSP
 * support as production authorities are: a root certificate, and under it a time-stamping certificate (EC P-256,
 * extended key usage {@code timeStamping}, critical) that signs the tokens. Faults for tests: answer HTTP 503, refuse
 * with a PKIStatus {@code rejection}, or hold each answer.
 */
public final class LocalTsa implements AutoCloseable {
    private final HttpServer server;
    private final KeyPair tsaKeys;
    private final X509Certificate root;
    private final X509Certificate tsaCert;
    private final AtomicLong serial = new AtomicLong(1);
    private final AtomicLong requests = new AtomicLong();
    private volatile Fault fault = Fault.NONE;
    private volatile Duration delay = Duration.ZERO;
    private volatile Supplier<Instant> clock = Instant::now;

    public enum Fault {
        NONE,
        HTTP_503,
        REJECTION
    }

    private LocalTsa(String name) throws GeneralSecurityException, IOException {
        KeyPair rootKeys = ecKeys();
        this.tsaKeys = ecKeys();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=" + name + " Root, O=Sovereign tests");
        X500Name tsaName = new X500Name("CN=" + name + " TSA, O=Sovereign tests");
        try {
            JcaX509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(
                    rootName,
                    BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    rootName,
                    rootKeys.getPublic());
            rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            this.root = convert(rb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
            JcaX509v3CertificateBuilder tb = new JcaX509v3CertificateBuilder(
                    root,
                    BigInteger.TWO,
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    tsaName,
                    tsaKeys.getPublic());
            tb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            tb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            tb.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            this.tsaCert =
                    convert(tb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsr", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                byte[] query;
                try (InputStream in = exchange.getRequestBody()) {
                    query = in.readAllBytes();
                }
                sleep(delay);
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                if (fault == Fault.HTTP_503) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] answer;
                try {
                    answer = answer(query);
                } catch (Exception e) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        // Its own named threads, so that a benchmark can tell the authority's work from its client's.
        tsaThreads = java.util.concurrent.Executors.newFixedThreadPool(
                2, Thread.ofPlatform().name("local-tsa-", 0).daemon(true).factory());
        server.setExecutor(tsaThreads);
        server.start();
    }

    private final java.util.concurrent.ExecutorService tsaThreads;

    /** Starts an authority on a free loopback port; {@code name} goes into its certificates' subjects. */
    public static LocalTsa start(String name) {
        try {
            return new LocalTsa(name);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot start the local time-stamping authority", e);
        }
    }

    private byte[] answer(byte[] query) throws Exception {
        TimeStampRequest request = new TimeStampRequest(query);
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", tsaKeys.getPrivate(), tsaCert),
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1"));
        tokens.addCertificates(new JcaCertStore(java.util.List.of(tsaCert)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256));
        TimeStampResponse response;
        if (fault == Fault.REJECTION) {
            response = responses.generateRejectedResponse(
                    new org.bouncycastle.tsp.TSPException("service not available for tests"));
        } else {
            response = responses.generateGrantedResponse(
                    request, BigInteger.valueOf(serial.getAndIncrement()), Date.from(clock.get()));
        }
        return response.getEncoded();
    }

    /** The URL to post time-stamp queries to. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsr");
    }

    /** Queries received so far, answered or not. */
    public long requests() {
        return requests.get();
    }

    public void fault(Fault fault) {
        this.fault = fault;
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The time put into tokens from now on (default: the real time). */
    public void clock(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** The root certificate, which an operator would trust. */
    public X509Certificate root() {
        return root;
    }

    /** The certificate that signs the tokens. */
    public X509Certificate signer() {
        return tsaCert;
    }

    /** Writes the root certificate as PEM to {@code file}: what {@code audit.timestamp.trust} names. */
    public Path writeTrust(Path file) {
        return writePem(file, root);
    }

    public static Path writePem(Path file, X509Certificate cert) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(cert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        server.stop(0);
        tsaThreads.shutdownNow();
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void sleep(Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
