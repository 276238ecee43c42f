package dev.sovereign.classify.internal;

import java.util.Arrays;
import java.util.Base64;

/**
 * A validated run of base64 (standard or URL-safe alphabet, padding optional, whitespace ignored): how many alphabet
 * chars and padding chars it holds, and in which alphabet. The run is read in place, within a larger string if need be,
 * so a data URL's megabytes are not copied to be checked.
 */
record Base64Run(int data, int padding, boolean urlSafe) {
    private static final byte DATA = 0, STANDARD = 1, URL_SAFE = 2, PAD = 3, SPACE = 4, INVALID = 5;
    private static final byte[] CLASS = new byte[128];

    static {
        Arrays.fill(CLASS, INVALID);
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
            CLASS[c] = DATA;
        }
        CLASS['+'] = CLASS['/'] = STANDARD;
        CLASS['-'] = CLASS['_'] = URL_SAFE;
        CLASS['='] = PAD;
        CLASS[' '] = CLASS['\n'] = CLASS['\r'] = CLASS['\t'] = CLASS['\f'] = SPACE;
    }

    static Base64Run of(String s, int from, int to) {
        int data = 0;
        int padding = 0;
        int dataBeforePadding = 0;
        boolean standard = false;
        boolean urlSafe = false;
        // A table rather than range tests: on random base64 their branches mispredict and the scan is ten times slower.
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            byte kind = c < 128 ? CLASS[c] : INVALID;
            if (kind == DATA) {
                data++;
            } else if (kind == STANDARD || kind == URL_SAFE) {
                standard |= kind == STANDARD;
                urlSafe |= kind == URL_SAFE;
                data++;
            } else if (kind == PAD) {
                if (padding++ == 0) {
                    dataBeforePadding = data;
                }
            } else if (kind == INVALID) {
                return null;
            }
        }
        boolean badPadding = padding > 2 || (padding > 0 && (data != dataBeforePadding || (data + padding) % 4 != 0));
        return (standard && urlSafe) || data % 4 == 1 || badPadding ? null : new Base64Run(data, padding, urlSafe);
    }

    /**
     * The bytes of the first count alphabet chars (all of them, or a multiple of 4). Whitespace is dropped while
     * copying the chars into the byte array the JDK decoder needs anyway, which is cheaper than the MIME decoder's
     * per-char checks and, unlike it, works for the URL-safe alphabet.
     */
    byte[] decode(String s, int from, int count) {
        byte[] chars = new byte[count];
        for (int i = from, j = 0; j < count; i++) {
            char c = s.charAt(i);
            if (c > ' ') {
                chars[j++] = (byte) c;
            }
        }
        return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(chars);
    }

    boolean padded() {
        return padding > 0 || data % 4 == 0;
    }
}
