package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to a gateway's dashboard over plain HTTP, as a browser's form would, cookies handled by hand. */
record DashboardClient(String baseUrl) {

    /** The sign-in form's CSRF token and the cookie it is bound to. */
    record Form(String csrf, String cookie) {}

    /** A signed-in session: the cookie to send and its CSRF token. */
    record Session(String cookie, String csrf) {}

    String url(String path) {
        return baseUrl + path;
    }

    Form signInForm() {
        Http.Response page = Http.send(Http.get(url("/ui/sign-in")).build());
        assertThat(page.status()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String setCookie = page.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sovereign_signin="))
                .findFirst()
                .orElseThrow();
        return new Form(m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
    }

    Http.Response postForm(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return Http.send(b.build());
    }

    /** Posts the sign-in form with {@code key} (empty for a gateway without keys) and more headers. */
    Http.Response signIn(String key, String... headers) {
        Form form = signInForm();
        String[] all = new String[headers.length + 2];
        all[0] = "cookie";
        all[1] = form.cookie();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return postForm("/ui/sign-in", "csrf=" + enc(form.csrf()) + "&token=" + enc(key), all);
    }

    Session session(String adminKey) {
        Http.Response r = signIn(adminKey);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        String cookie = sessionCookie(r);
        JsonNode info = Http.send(
                        Http.get(url("/admin/session"), "cookie", cookie).build())
                .json();
        return new Session(cookie, info.path("csrf_token").asText());
    }

    static String sessionCookie(Http.Response r) {
        String set = r.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sovereign_session="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers()));
        return set.substring(0, set.indexOf(';'));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
