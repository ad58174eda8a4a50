package io.presencegrid.drills.fuzz;

import java.util.SplittableRandom;

/**
 * Identifiers a hostile client might send where the API wants {@code [A-Za-z0-9._@-]{1,64}}: control
 * characters, lone surrogates, right-to-left overrides, emoji, path tricks, SQL and script fragments,
 * empty and over-long ids, and now and then a valid one, so that the valid path is fuzzed as well.
 */
final class HostileIds {

    private static final String[] TRICKS = {
        "", " ", "..", "../admin", "a/b", "a\\b", "a;b", "a%2Fb", "%00", "null", "undefined", "NaN",
        "' OR '1'='1", "\"; DROP TABLE PRESENCE; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "a\u0000b", "a\nb", "a\rb", "\t", "\u202Eevil", "\uD800", "\uDFFF", "\uFEFF", "\u00A0",
        "\uD83D\uDE00", "ｆｕｌｌｗｉｄｔｈ", "ålice", "ß", "\u0301", "a b", "a+b", "a,b", "a#b", "a?b", "*", "%",
    };
    private static final String VALID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-";

    private HostileIds() {
    }

    /** Mostly hostile, about one in eight valid. */
    static String next(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> valid(random, 1 + random.nextInt(64));
            case 1 -> valid(random, 65 + random.nextInt(random.nextBoolean() ? 64 : 4000));
            case 2 -> TRICKS[random.nextInt(TRICKS.length)];
            case 3 -> valid(random, 1 + random.nextInt(10)) + TRICKS[random.nextInt(TRICKS.length)];
            case 4 -> randomCodePoints(random, 1 + random.nextInt(40));
            case 5 -> controlCharacters(random, 1 + random.nextInt(10));
            case 6 -> valid(random, 3) + (char) (0xD800 + random.nextInt(0x800));
            default -> valid(random, 1 + random.nextInt(20)) + randomCodePoints(random, 1 + random.nextInt(3));
        };
    }

    static String valid(SplittableRandom random, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(VALID_CHARS.charAt(random.nextInt(VALID_CHARS.length())));
        }
        return id.toString();
    }

    private static String randomCodePoints(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
            if (Character.isValidCodePoint(codePoint)) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private static String controlCharacters(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x20) : 0x7F + random.nextInt(0x21)));
        }
        return text.toString();
    }
}
