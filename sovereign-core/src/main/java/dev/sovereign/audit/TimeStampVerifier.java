package dev.sovereign.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.Selector;

/**
 * Checks RFC 3161 time-stamp tokens against the certificates of the time-stamping authorities an operator trusts:
 * the token is signed by a trusted certificate, or by one a trusted certificate issued; the signing certificate
 * was valid at the token's time and is for time-stamping only (RFC 3161 §2.3, as Bouncy Castle's {@link
 * TimeStampToken#validate} checks); and the token signs the SHA-256 of exactly the checkpoint's text.
 */
public final class TimeStampVerifier {
    private final List<X509Certificate> trusted;

    public TimeStampVerifier(List<X509Certificate> trusted) {
        if (trusted.isEmpty()) throw new IllegalArgumentException("no trusted time-stamping certificate");
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Reads the trusted certificates from a PEM (or DER) file holding one or more.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static TimeStampVerifier load(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            for (java.security.cert.Certificate c : read) certs.add((X509Certificate) c);
        } catch (CertificateException e) {
            throw new IOException(file + " does not hold X.509 certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) throw new IOException(file + " holds no certificate");
        return new TimeStampVerifier(certs);
    }

    public List<X509Certificate> trusted() {
        return trusted;
    }

    /**
     * The time the authority signed, when {@code stamp}'s token is a valid token of a trusted authority over
     * {@code checkpoint}.
     *
     * @throws Invalid naming what does not hold
     */
    public Instant verify(TimeStamp stamp, Checkpoint checkpoint) throws Invalid {
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(stamp.token())));
        } catch (CMSException | TSPException | IOException | IllegalArgumentException e) {
            throw new Invalid("is not a readable RFC 3161 token");
        }
        TimeStampTokenInfo info = token.getTimeStampInfo();
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
            throw new Invalid("signs a " + info.getMessageImprintAlgOID() + " digest, not SHA-256");
        }
        if (!MessageDigest.isEqual(info.getMessageImprintDigest(), TimeStamp.digest(checkpoint))) {
            throw new Invalid("was issued for other content than the checkpoint at #" + checkpoint.seq()
                    + ": the checkpoint was changed or signed again after it was time-stamped");
        }
        List<X509CertificateHolder> candidates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) token.getSID();
        candidates.addAll(token.getCertificates().getMatches(sid));
        for (X509Certificate t : trusted) {
            JcaX509CertificateHolder holder = holder(t);
            if (sid.match(holder) && !candidates.contains(holder)) candidates.add(holder);
        }
        if (candidates.isEmpty())
            throw new Invalid("does not carry its signer's certificate, and no trusted one matches");
        String why = "is not signed by a trusted time-stamping authority";
        for (X509CertificateHolder signer : candidates) {
            if (!trustedSigner(signer)) continue;
            try {
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
                return info.getGenTime().toInstant();
            } catch (TSPException | OperatorCreationException | CertificateException | RuntimeException e) {
                why = "does not verify with the certificate of " + signer.getSubject() + ": " + e.getMessage();
            }
        }
        throw new Invalid(why);
    }

    /** Trusted itself, or issued by a trusted certificate (one level: the usual authority under its own root). */
    private boolean trustedSigner(X509CertificateHolder signer) {
        for (X509Certificate t : trusted) {
            JcaX509CertificateHolder holder = holder(t);
            if (holder.equals(signer)) return true;
            if (!holder.getSubject().equals(signer.getIssuer())) continue;
            try {
                if (signer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(t))) return true;
            } catch (OperatorCreationException | org.bouncycastle.cert.CertException e) {
                // not this issuer
            }
        }
        return false;
    }

    private static JcaX509CertificateHolder holder(X509Certificate c) {
        try {
            return new JcaX509CertificateHolder(c);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate re-encodes", e);
        }
    }

    /** Why a token does not hold; the message completes "the time-stamp token of checkpoint #n …". */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }
}
