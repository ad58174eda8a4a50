package io.presencegrid.drills.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates case {@code i} of a run from the run's seed alone (its own SplittableRandom), so that any
 * case can be replayed without the ones before it, whatever the threads' interleaving was.
 */
final class HostileRequests {

    static final int MAX_BODY = 16 * 1024;
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> TOO_LARGE = Set.of(413);
    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final String[] ACCEPTS = {null, null, null, "*/*", "application/json", "text/html",
        "application/xml", "image/png", "application/problem+json", "text/plain;q=0.1, nope/nope"};
    private static final String[] STATUSES = {"online", "away", "busy", "invisible", "offline", "ONLINE", "", "gone"};

    private final long seed;
    private final FuzzUsers users;
    private final HostilePrivacy privacy;

    HostileRequests(long seed, FuzzUsers users) {
        this.seed = seed;
        this.users = users;
        this.privacy = new HostilePrivacy(users);
    }

    /** The random stream of case {@code index}: the run's seed mixed with the index. */
    SplittableRandom random(long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    HttpCase next(long index) {
        SplittableRandom random = random(index);
        int user = users.pick(random);
        String token = users.token(user);
        String self = users.id(user);
        String accept = ACCEPTS[random.nextInt(ACCEPTS.length)];
        int kind = random.nextInt(1000);
        if (kind < 2) {
            return hugeBody(index, random, token);
        }
        if (kind < 60) {
            HttpCase attempt = bodyCase(index, random, self, token, accept);
            String forged = users.badToken(random);
            return new HttpCase(index, "bad-token/" + attempt.kind(), attempt.method(), attempt.path(), forged, accept,
                    attempt.contentType(), attempt.body(), attempt.chunked(), sized(attempt.body(), UNAUTHORIZED));
        }
        if (kind < 510) {
            return bodyCase(index, random, self, token, accept);
        }
        if (kind < 560) {
            return privacy.next(index, random, self, token, accept);
        }
        if (kind < 700) {
            return get(index, "get-one", "/v1/status/" + encode(random.nextInt(4) == 0 ? self : HostileIds.next(random)), token, accept);
        }
        if (kind < 850) {
            return list(index, random, token, accept);
        }
        if (kind < 900) {
            String id = random.nextBoolean() ? self : HostileIds.next(random);
            return new HttpCase(index, "delete", "DELETE", "/v1/status/" + encode(id), token, accept, null, null, false, HttpCase.ANY);
        }
        if (kind < 950) {
            return admin(index, random, accept);
        }
        return odd(index, random, self, token, accept);
    }

    private HttpCase bodyCase(long index, SplittableRandom random, String self, String token, String accept) {
        boolean subscribe = random.nextInt(3) == 0;
        String path = subscribe ? (random.nextBoolean() ? "/v1/status/subscribe" : "/v1/status/unsubscribe") : "/v1/status/update";
        String valid = subscribe ? subscription(random, self) : update(random, self);
        String contentType = contentType(random);
        // Another content type is a 415 whatever the body: only JSON bodies have a sharper expectation.
        Set<Integer> badJson = contentType.equals("application/json") ? BAD_REQUEST : HttpCase.ANY;
        return switch (random.nextInt(7)) {
            case 0 -> post(index, "valid-ish", path, token, accept, contentType, valid.getBytes(StandardCharsets.UTF_8), HttpCase.ANY);
            case 1 -> post(index, "damaged", path, token, accept, contentType, HostileJson.damage(random, valid), HttpCase.ANY);
            case 2 -> post(index, "invalid-utf8", path, token, accept, contentType, HostileJson.withInvalidUtf8(random, valid), badJson);
            case 3 -> post(index, "nested", path, token, accept, contentType,
                    HostileJson.nested(random, 1 + random.nextInt(8000)).getBytes(StandardCharsets.UTF_8), badJson);
            case 4 -> post(index, "wrong-types", path, token, accept, contentType, wrongTypes(random, subscribe), HttpCase.ANY);
            case 5 -> post(index, "many-ids", "/v1/status/subscribe", token, accept, contentType, manyIds(random, self), HttpCase.ANY);
            default -> post(index, "hostile-ids", path, token, accept, contentType, hostileIds(random, self, subscribe), HttpCase.ANY);
        };
    }

    /** Mostly JSON; one in twenty something else, which the API may refuse as a 415 whatever the body. */
    static String contentType(SplittableRandom random) {
        return random.nextInt(20) == 0 ? pick(random, "text/plain", "application/x-www-form-urlencoded",
                "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "") : "application/json";
    }

    private String update(SplittableRandom random, String self) {
        StringBuilder json = new StringBuilder("{\"userId\":").append(HostileJson.quote(random.nextInt(5) == 0 ? users.id(users.pick(random)) : self));
        json.append(",\"status\":").append(HostileJson.quote(pick(random, STATUSES)));
        if (random.nextBoolean()) {
            json.append(",\"device\":").append(HostileJson.quote(users.device(random)));
        }
        if (random.nextInt(3) == 0) {
            json.append(",\"message\":").append(HostileJson.quote("m".repeat(random.nextInt(200))));
        }
        if (random.nextInt(3) == 0) {
            json.append(",\"meta\":").append(HostileJson.meta(random));
        }
        return json.append('}').toString();
    }

    private String subscription(SplittableRandom random, String self) {
        StringBuilder json = new StringBuilder("{\"subscriberId\":").append(HostileJson.quote(self)).append(",\"userIds\":[");
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            json.append(i == 0 ? "" : ",").append(HostileJson.quote(users.target(random)));
        }
        return json.append("]}").toString();
    }

    private static byte[] wrongTypes(SplittableRandom random, boolean subscribe) {
        String json = subscribe
                ? "{\"subscriberId\":" + HostileJson.value(random, 0) + ",\"userIds\":" + HostileJson.value(random, 0) + "}"
                : "{\"userId\":" + HostileJson.value(random, 0) + ",\"status\":" + HostileJson.value(random, 0)
                  + ",\"device\":" + HostileJson.value(random, 0) + ",\"message\":" + HostileJson.value(random, 0) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Up to 10,000 ids: over 1,000 is a 400, over 16 KiB of body a 413. */
    private byte[] manyIds(SplittableRandom random, String self) {
        int count = random.nextInt(3) == 0 ? 10_000 : 900 + random.nextInt(2000);
        StringBuilder json = new StringBuilder("{\"subscriberId\":\"").append(self).append("\",\"userIds\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append('"');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hostileIds(SplittableRandom random, String self, boolean subscribe) {
        String json = subscribe
                ? "{\"subscriberId\":" + HostileJson.quote(random.nextBoolean() ? self : HostileIds.next(random))
                  + ",\"userIds\":[" + HostileJson.quote(HostileIds.next(random)) + "]}"
                : "{\"userId\":" + HostileJson.quote(random.nextBoolean() ? self : HostileIds.next(random))
                  + ",\"status\":\"online\",\"device\":" + HostileJson.quote(HostileIds.next(random)) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private HttpCase list(long index, SplittableRandom random, String token, String accept) {
        int count = switch (random.nextInt(4)) {
            case 0 -> 10_000;
            case 1 -> 400 + random.nextInt(200);
            default -> random.nextInt(50);
        };
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "" : ",").append(random.nextInt(10) == 0 ? HostileIds.next(random) : users.target(random));
        }
        return get(index, "list-" + count, "/v1/status?userIds=" + encode(ids.toString()), token, accept);
    }

    private HttpCase admin(long index, SplittableRandom random, String accept) {
        String token = random.nextBoolean() ? users.admin() : users.token(users.pick(random));
        String days = pick(random, "0", "-1", "36501", "1e3", "ninety", "", HostileJson.hugeNumber(random), "9".repeat(30));
        return random.nextInt(3) == 0
                ? get(index, "admin-stats", "/v1/admin/stats", token, accept)
                : new HttpCase(index, "admin-purge", "POST", "/v1/admin/purge?retentionDays=" + encode(days), token, accept,
                        null, null, false, Set.of(400, 403));
    }

    /** Unknown paths, wrong methods, encoded slashes and dots: what a scanner sends. */
    private HttpCase odd(long index, SplittableRandom random, String self, String token, String accept) {
        String path = pick(random, "/v1/status/" + self + "/extra", "/v1/nope", "/v1/status/%2e%2e/admin/stats",
                "/v1/status/a%2Fb", "/v1/status/a%5Cb", "/v1/status/a;jsessionid=1", "/v1//status/" + self,
                "/v1/status/" + self + "%00", "/v1/status/%25", "/v1/ws", "/v1/status/update?x=" + encode(HostileIds.next(random)),
                "/v1/admin", "/actuator/env", "/actuator/heapdump", "/v1/status/" + encode("\uD83D\uDE00"));
        String method = pick(random, "GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS");
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8);
        return new HttpCase(index, "odd", method, path, token, accept, body == null ? null : "application/json", body, false, HttpCase.ANY);
    }

    private static HttpCase hugeBody(long index, SplittableRandom random, String token) {
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        return new HttpCase(index, "10MB", "POST", "/v1/status/update", token, null, "application/json", body,
                random.nextBoolean(), TOO_LARGE);
    }

    private static HttpCase get(long index, String kind, String path, String token, String accept) {
        return new HttpCase(index, kind, "GET", path, token, accept, null, null, false, HttpCase.ANY);
    }

    private static HttpCase post(long index, String kind, String path, String token, String accept, String contentType,
                                 byte[] body, Set<Integer> expected) {
        return new HttpCase(index, kind, "POST", path, token, accept, contentType, body, false, sized(body, expected));
    }

    /** A body over 16 KiB is refused with 413 before anything else looks at it. */
    static Set<Integer> sized(byte[] body, Set<Integer> expected) {
        return body != null && body.length > MAX_BODY ? TOO_LARGE : expected;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
