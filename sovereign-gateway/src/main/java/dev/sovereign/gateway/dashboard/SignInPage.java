package dev.sovereign.gateway.dashboard;

/**
 * The sign-in page, rendered on the server so that the form carries its CSRF token without a script. Every value
 * written into the page is HTML-escaped.
 */
final class SignInPage {
    private SignInPage() {}

    /**
     * @param csrf the token the form posts back, matched against the sign-in cookie
     * @param open the gateway has no client keys: this machine's users are its operators and need no key
     * @param message what went wrong with the previous attempt, or {@code null}
     */
    static String render(String csrf, boolean open, String message) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Sign in · Sovereign AI Gateway</title>\n")
                .append("<link rel=\"icon\" href=\"/ui/assets/favicon.svg\">\n")
                .append("<link rel=\"stylesheet\" href=\"/ui/assets/app.css\">\n")
                .append("</head>\n<body class=\"sign-in\">\n<main class=\"sign-in-card\">\n")
                .append("<h1><img src=\"/ui/assets/favicon.svg\" alt=\"\" width=\"28\" height=\"28\">")
                .append(" Sovereign AI Gateway</h1>\n");
        if (message != null) {
            html.append("<p class=\"error\" role=\"alert\" id=\"sign-in-error\">")
                    .append(escape(message))
                    .append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"/ui/sign-in\" autocomplete=\"off\">\n")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(escape(csrf))
                .append("\">\n");
        if (open) {
            html.append("<p>This gateway has no client keys, so it answers this machine only and whoever uses it is")
                    .append(" its operator. Add keys to <code>sovereign.yaml</code> to require one here.</p>\n")
                    .append("<button type=\"submit\" id=\"sign-in\">Open the dashboard</button>\n");
        } else {
            html.append("<p>Sign in with an <strong>admin key</strong>: a client key with <code>admin: true</code>")
                    .append(" in <code>sovereign.yaml</code>. Client keys without it cannot open the dashboard.</p>\n")
                    .append("<label for=\"token\">Admin key</label>\n")
                    .append("<input id=\"token\" name=\"token\" type=\"password\" required autofocus")
                    .append(" autocomplete=\"off\" spellcheck=\"false\">\n")
                    .append("<button type=\"submit\" id=\"sign-in\">Sign in</button>\n");
        }
        html.append("</form>\n");
        if (!open) {
            html.append("<p class=\"hint\">No admin key yet? <code>sovereign keys create --id dpo --team privacy")
                    .append(" --workload audit --admin</code> prints one and the entry to add under")
                    .append(" <code>keys:</code>.</p>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
