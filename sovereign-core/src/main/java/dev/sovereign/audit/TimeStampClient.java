package dev.sovereign.audit;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamping authority for a token over a checkpoint: an HTTP POST of a {@code
 * TimeStampReq} (SHA-256 imprint, a random nonce, the authority's certificate requested) as {@code
 * application/timestamp-query} (RFC 3161 §3.4). The answer is checked against the request (status granted,
 * same imprint, same nonce) before it is kept. Blocking: call it off the event loop.
 */
public final class TimeStampClient {
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public TimeStampClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The authority's URL without any user name or password, for logs and records. */
    public String describe() {
        return describe(url);
    }

    /** {@code url} without any user name or password. */
    public static String describe(URI url) {
        String s = url.toString();
        return url.getRawUserInfo() == null ? s : s.replace(url.getRawUserInfo() + "@", "");
    }

    /**
     * A token over {@code checkpoint}.
     *
     * @throws IOException when the authority cannot be reached, answers with an error, or answers with a token that
     *     is not for this request; the message names the authority (without credentials) and the reason
     */
    public TimeStamp stamp(Checkpoint checkpoint) throws IOException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        BigInteger nonce = new BigInteger(64, random);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, TimeStamp.digest(checkpoint), nonce);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/timestamp-query")
                            .header("Accept", "application/timestamp-reply")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IOException("time-stamping authority " + describe() + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + describe(), e);
        } catch (IOException e) {
            throw new IOException("time-stamping authority " + describe() + " not reachable: " + e, e);
        }
        if (answer.statusCode() != 200) {
            throw new IOException("time-stamping authority " + describe() + " answered HTTP " + answer.statusCode());
        }
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer.body());
        } catch (TSPException | IOException | RuntimeException e) {
            throw new IOException("time-stamping authority " + describe() + " answered with no RFC 3161 response", e);
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            String why = response.getStatusString();
            throw new IOException("time-stamping authority " + describe() + " refused the request (status "
                    + response.getStatus() + (why == null ? "" : ": " + why) + ")");
        }
        try {
            response.validate(request);
        } catch (TSPException e) {
            throw new IOException(
                    "time-stamping authority " + describe() + " answered with a token not for this request: "
                            + e.getMessage(),
                    e);
        }
        return new TimeStamp(
                checkpoint.writer(),
                checkpoint.seq(),
                TimeStamp.imprintOf(checkpoint),
                token.getTimeStampInfo().getGenTime().toInstant(),
                describe(),
                Base64.getEncoder().encodeToString(token.getEncoded()));
    }
}
