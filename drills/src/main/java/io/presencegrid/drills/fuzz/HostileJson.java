package io.presencegrid.drills.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * JSON and near-JSON text for request bodies and socket frames: values of every wrong type, numbers
 * with thousands of digits, nesting thousands deep, truncations, and byte-level damage including
 * invalid UTF-8 (overlong forms, stray continuation bytes, encoded surrogates, 0xFF).
 */
final class HostileJson {

    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE},
    };

    private HostileJson() {
    }

    /** A JSON value of any type, often the wrong one for where it goes. */
    static String value(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 3 ? 8 : 11)) {
            case 0 -> quote(HostileIds.next(random));
            case 1 -> hugeNumber(random);
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 6 -> quote(HostileIds.valid(random, 1 + random.nextInt(20)));
            case 7 -> nested(random, 1 + random.nextInt(random.nextBoolean() ? 20 : 5000));
            case 8 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
            case 9 -> "{\"k\":" + value(random, depth + 1) + "}";
            default -> "\"" + "x".repeat(random.nextInt(20_000)) + "\"";
        };
    }

    /**
     * A device's metadata, mostly a bomb: hundreds of keys, a value of 20 KB, hostile keys, nesting,
     * numbers too big for any type; now and then a valid one, so that some land.
     */
    static String meta(SplittableRandom random) {
        StringBuilder object = new StringBuilder("{");
        int keys = switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(16);
            case 1 -> 17 + random.nextInt(500);
            default -> random.nextInt(4);
        };
        for (int i = 0; i < keys; i++) {
            String key = random.nextInt(8) == 0 ? HostileIds.next(random) : "k" + i;
            String value = switch (random.nextInt(5)) {
                case 0 -> value(random, 0);
                case 1 -> quote("v".repeat(random.nextInt(random.nextBoolean() ? 60 : 20_000)));
                default -> random.nextBoolean() ? Integer.toString(random.nextInt()) : "true";
            };
            object.append(i == 0 ? "" : ",").append(quote(key)).append(':').append(value);
        }
        return random.nextInt(10) == 0 ? value(random, 0) : object.append('}').toString();
    }

    static String hugeNumber(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> "1" + "0".repeat(100 + random.nextInt(5000));
            case 1 -> "-9" + "9".repeat(random.nextInt(400)) + ".5e" + random.nextInt(999_999_999);
            case 2 -> "1e99999999999";
            case 3 -> "9223372036854775808";
            default -> "0." + "0".repeat(random.nextInt(3000)) + "1";
        };
    }

    /** Arrays or objects {@code depth} deep, sometimes unclosed. */
    static String nested(SplittableRandom random, int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        StringBuilder json = new StringBuilder(open.repeat(depth)).append("1");
        if (random.nextInt(4) != 0) {
            json.append(close.repeat(depth));
        }
        return json.toString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** Text damaged at the byte level: cut short, bytes flipped, junk inserted. */
    static byte[] damage(SplittableRandom random, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(5); i < n && bytes.length > 0; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield bytes;
            }
            case 2 -> insert(bytes, random.nextInt(bytes.length + 1), "{[,:\"}]\\".charAt(random.nextInt(8)));
            default -> withInvalidUtf8(random, json);
        };
    }

    /** Valid JSON syntax whose string contents carry bytes that are not UTF-8. */
    static byte[] withInvalidUtf8(SplittableRandom random, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int quote = json.indexOf('"', 1);
        int at = quote < 0 ? random.nextInt(bytes.length + 1) : quote;
        byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
        byte[] result = new byte[bytes.length + bad.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bad, 0, result, at, bad.length);
        System.arraycopy(bytes, at, result, at + bad.length, bytes.length - at);
        return result;
    }

    private static byte[] insert(byte[] bytes, int at, char c) {
        byte[] result = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, result, 0, at);
        result[at] = (byte) c;
        System.arraycopy(bytes, at, result, at + 1, bytes.length - at);
        return result;
    }
}
