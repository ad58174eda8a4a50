package io.presencegrid.drills.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Requests for {@code /v1/privacy/{userId}}, a small share of {@link HostileRequests}' mix: lists over
 * 1,000 ids, with nulls, nested values, numbers, huge strings or ids that break the rule, audiences that
 * are almost right, every member of a wrong JSON type, bodies that are no object, other users' settings,
 * forged tokens and wrong methods; and valid settings, so that the accepting path is fuzzed as well.
 * Each case expects the status the API's rules decide, where they decide one.
 */
final class HostilePrivacy {

    /** The API's rule for ids (DESIGN.md), which list members and the path's id must follow. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_IDS = 1000;

    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final Set<Integer> FORBIDDEN = Set.of(403);
    private static final Set<Integer> METHOD_NOT_ALLOWED = Set.of(405);
    private static final Set<Integer> NOT_ACCEPTABLE = Set.of(406);
    private static final String[] MEMBERS = {"presence", "lastSeen", "allowed", "blocked"};
    private static final String[] AUDIENCES = {"everyone", "allowed", "nobody"};
    /** Near misses: case, blanks, lists and patterns of audiences, a Cyrillic e, a NUL, a right-to-left override. */
    private static final String[] WRONG_AUDIENCES = {"", " ", "EVERYONE", "Everyone", "Nobody", "everyone ", " allowed",
        "nobody\n", "friends", "none", "all", "null", "true", "0", "allowed,nobody", "everyone|nobody", ".*",
        "\u0435veryone", "allowed\u0000", "\u202Enobody"};
    /** Non-string JSON scalars, which a lenient reader might turn into ids. */
    private static final String[] SCALARS = {"0", "1", "-7", "1.5", "1e3", "true", "false"};

    /** What the API must make of a body sent as JSON by its owner. */
    enum Verdict {
        VALID, INVALID, EITHER
    }

    /** A value for one member of the setting, and what it deserves. */
    private record Hostile(String kind, String value, Verdict verdict) {
    }

    private final FuzzUsers users;

    HostilePrivacy(FuzzUsers users) {
        this.users = users;
    }

    /** One privacy case of caller {@code self}, drawn from {@code random}, case {@code index}'s stream. */
    HttpCase next(long index, SplittableRandom random, String self, String token, String accept) {
        String path = "/v1/privacy/" + HostileRequests.encode(self);
        return switch (random.nextInt(11)) {
            case 0, 1 -> put(index, "privacy-valid", path, token, accept, random, valid(random), expected(Verdict.VALID, accept));
            case 2 -> hostileId(index, random, self, token, accept);
            case 3 -> other(index, random, self, token, accept);
            case 4, 5 -> lists(index, random, path, token, accept);
            case 6 -> audiences(index, random, path, token, accept);
            case 7 -> put(index, "privacy-wrong-types", path, token, accept, random, wrongTypes(random),
                    expected(Verdict.EITHER, accept));
            case 8 -> body(index, random, path, token, accept);
            case 9 -> badToken(index, random, path, accept);
            default -> wrongMethod(index, random, path, token, accept);
        };
    }

    /**
     * The statuses a body with {@code verdict} may get. An accepted setting is a 200 only for a client
     * that takes JSON: one whose Accept names none of it gets 406 instead, after the setting was stored.
     */
    static Set<Integer> expected(Verdict verdict, String accept) {
        Set<Integer> statuses = new HashSet<>();
        if (verdict != Verdict.INVALID) {
            statuses.add(200);
            if (!takesJson(accept)) {
                statuses.addAll(NOT_ACCEPTABLE);
            }
        }
        if (verdict != Verdict.VALID) {
            statuses.addAll(BAD_REQUEST);
        }
        return Set.copyOf(statuses);
    }

    private static boolean takesJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    /**
     * An id the path carries to the controller unchanged: one that follows the rule and is not all dots,
     * which the path normalisation would read as "." or "..".
     */
    static boolean routable(String id) {
        return ID.matcher(id).matches() && !id.chars().allMatch(c -> c == '.');
    }

    /** A setting the API must take: audiences, nulls or their defaults, up to five ids a list, repeats included. */
    String valid(SplittableRandom random) {
        StringBuilder json = new StringBuilder("{");
        for (String member : MEMBERS) {
            int choice = random.nextInt(8);
            if (choice == 0) {
                member(json, member, "null");
            } else if (choice > 2) {
                member(json, member, validValue(random, member));
            }
        }
        return json.append('}').toString();
    }

    private String validValue(SplittableRandom random, String member) {
        return member.equals("presence") || member.equals("lastSeen")
                ? HostileJson.quote(HostileRequests.pick(random, AUDIENCES)) : ids(random, random.nextInt(6));
    }

    /** A setting whose member {@code name} is {@code value} and whose others are valid or left out. */
    private String with(SplittableRandom random, String name, String value) {
        StringBuilder json = new StringBuilder("{");
        for (String member : MEMBERS) {
            if (member.equals(name)) {
                member(json, name, value);
            } else if (random.nextBoolean()) {
                member(json, member, validValue(random, member));
            }
        }
        return json.append('}').toString();
    }

    private static void member(StringBuilder json, String name, String value) {
        json.append(json.length() == 1 ? "" : ",").append(HostileJson.quote(name)).append(':').append(value);
    }

    /** GET, or PUT of a valid setting, on a mostly hostile id: one that follows the rule is someone else's. */
    private HttpCase hostileId(long index, SplittableRandom random, String self, String token, String accept) {
        String id = random.nextInt(4) == 0 ? self : HostileIds.next(random);
        Set<Integer> expected = id.equals(self) ? expected(Verdict.VALID, accept) : routable(id) ? FORBIDDEN : HttpCase.ANY;
        String path = "/v1/privacy/" + HostileRequests.encode(id);
        return random.nextBoolean()
                ? get(index, "privacy-hostile-id", path, token, accept, expected)
                : put(index, "privacy-hostile-id", path, token, accept, random, valid(random), expected);
    }

    /** Another fuzz user's setting: refused to the caller (403), open to the admin scope. */
    private HttpCase other(long index, SplittableRandom random, String self, String token, String accept) {
        String id = users.id(users.pick(random));
        boolean admin = random.nextInt(4) == 0;
        Set<Integer> expected = admin || id.equals(self) ? expected(Verdict.VALID, accept) : FORBIDDEN;
        String kind = admin ? "privacy-admin" : "privacy-other";
        String path = "/v1/privacy/" + HostileRequests.encode(id);
        String caller = admin ? users.admin() : token;
        return random.nextBoolean()
                ? get(index, kind, path, caller, accept, expected)
                : put(index, kind, path, caller, accept, random, valid(random), expected);
    }

    private HttpCase lists(long index, SplittableRandom random, String path, String token, String accept) {
        Hostile list = hostileList(random);
        String json = with(random, random.nextBoolean() ? "allowed" : "blocked", list.value());
        return put(index, "privacy-lists-" + list.kind(), path, token, accept, random, json, expected(list.verdict(), accept));
    }

    /** A value for allowed or blocked: too long, repeated, null, nested, scalar, huge, not a list, hostile ids. */
    private Hostile hostileList(SplittableRandom random) {
        return switch (random.nextInt(9)) {
            case 0 -> new Hostile("over-1000", counted(MAX_IDS + 1 + random.nextInt(2000)), Verdict.INVALID);
            case 1 -> new Hostile("1000", counted(MAX_IDS), Verdict.VALID);
            case 2 -> {
                // The limit counts what was sent, repeats included, though the API stores each id once.
                int count = 2 + random.nextInt(1500);
                StringBuilder ids = new StringBuilder("[");
                for (int i = 0; i < count; i++) {
                    ids.append(i == 0 ? "" : ",").append("\"d").append(random.nextInt(8)).append('"');
                }
                yield new Hostile("duplicates", ids.append(']').toString(), count <= MAX_IDS ? Verdict.VALID : Verdict.INVALID);
            }
            case 3 -> new Hostile("null", withMember(random, "null"), Verdict.INVALID);
            case 4 -> new Hostile("nested", withMember(random, switch (random.nextInt(6)) {
                case 0 -> "[\"a\"]";
                case 1 -> "{\"id\":\"a\"}";
                case 2 -> "[]";
                case 3 -> "{}";
                case 4 -> "[[]]";
                default -> HostileJson.nested(random, 1 + random.nextInt(20));
            }), Verdict.INVALID);
            case 5 -> new Hostile("scalars", withMember(random, random.nextInt(4) == 0
                    ? HostileJson.hugeNumber(random) : HostileRequests.pick(random, SCALARS)), Verdict.EITHER);
            case 6 -> new Hostile("huge", withMember(random, HostileJson.quote("x".repeat(65 + random.nextInt(20_000)))),
                    Verdict.INVALID);
            case 7 -> new Hostile("not-a-list", switch (random.nextInt(4)) {
                // Never "": a reader may take an empty string for an empty list.
                case 0 -> HostileJson.quote(users.id(users.pick(random)));
                case 1 -> HostileRequests.pick(random, SCALARS);
                case 2 -> "{\"ids\":[\"a\"]}";
                default -> "{}";
            }, Verdict.INVALID);
            default -> {
                StringBuilder ids = new StringBuilder("[");
                boolean allValid = true;
                for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                    String id = HostileIds.next(random);
                    allValid &= ID.matcher(id).matches();
                    ids.append(i == 0 ? "" : ",").append(HostileJson.quote(id));
                }
                yield new Hostile("hostile-ids", ids.append(']').toString(), allValid ? Verdict.VALID : Verdict.INVALID);
            }
        };
    }

    /** Up to four valid ids with {@code odd} among them. */
    private String withMember(SplittableRandom random, String odd) {
        int count = random.nextInt(5);
        int at = random.nextInt(count + 1);
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i <= count; i++) {
            ids.append(i == 0 ? "" : ",").append(i == at ? odd : HostileJson.quote(users.target(random)));
        }
        return ids.append(']').toString();
    }

    /** Presence and last seen each null, valid, almost right or of another JSON type: 400 if either is wrong. */
    private HttpCase audiences(long index, SplittableRandom random, String path, String token, String accept) {
        StringBuilder json = new StringBuilder("{");
        boolean wrong = false;
        for (String member : new String[] {"presence", "lastSeen"}) {
            int choice = random.nextInt(4);
            String value = switch (choice) {
                case 0 -> "null";
                case 1 -> HostileJson.quote(HostileRequests.pick(random, WRONG_AUDIENCES));
                case 2 -> switch (random.nextInt(6)) {
                    case 0 -> "[\"everyone\"]";
                    case 1 -> "{\"everyone\":true}";
                    case 2 -> HostileRequests.pick(random, SCALARS);
                    case 3 -> HostileJson.hugeNumber(random);
                    case 4 -> HostileJson.quote("everyone".repeat(2 + random.nextInt(2500)));
                    default -> HostileJson.quote(HostileIds.next(random));
                };
                default -> HostileJson.quote(HostileRequests.pick(random, AUDIENCES));
            };
            wrong |= choice == 1 || choice == 2;
            member(json, member, value);
        }
        if (random.nextBoolean()) {
            member(json, "blocked", ids(random, random.nextInt(3)));
        }
        return put(index, "privacy-audience", path, token, accept, random, json.append('}').toString(),
                expected(wrong ? Verdict.INVALID : Verdict.VALID, accept));
    }

    /** Every member a JSON value of any type: only all nulls or lists of id-like values could pass. */
    private static String wrongTypes(SplittableRandom random) {
        StringBuilder json = new StringBuilder("{");
        for (String member : MEMBERS) {
            member(json, member, HostileJson.value(random, 0));
        }
        return json.append('}').toString();
    }

    /** Bodies that are empty, no object, damaged, not UTF-8, nested too deep or odd in their member names. */
    private HttpCase body(long index, SplittableRandom random, String path, String token, String accept) {
        return switch (random.nextInt(7)) {
            case 0 -> put(index, "privacy-empty-body", path, token, accept, random, new byte[0], BAD_REQUEST);
            case 1 -> put(index, "privacy-not-an-object", path, token, accept, random, HostileRequests.pick(random,
                    "[]", "[{}]", "\"everyone\"", "\"\"", "1", "true", "null", "[\"presence\",\"nobody\"]", "[" + valid(random) + "]"),
                    BAD_REQUEST);
            case 2 -> put(index, "privacy-empty-object", path, token, accept, random, "{}", expected(Verdict.VALID, accept));
            case 3 -> {
                // Unknown members and repeated keys: whether the reader ignores or refuses them is its choice.
                String extra = HostileRequests.pick(random, "\"extra\":1", "\"Presence\":\"nobody\"", "\"BLOCKED\":[\"x\"]",
                        "\"presence\":\"nobody\",\"presence\":\"everyone\"", "\"allowed\":[],\"allowed\":[\"a\"]",
                        "\"userId\":" + HostileJson.quote(users.id(users.pick(random))), "\"\":null");
                String valid = valid(random);
                String json = valid.equals("{}") ? "{" + extra + "}" : "{" + extra + "," + valid.substring(1);
                yield put(index, "privacy-odd-members", path, token, accept, random, json, expected(Verdict.EITHER, accept));
            }
            case 4 -> put(index, "privacy-damaged", path, token, accept, random, HostileJson.damage(random, valid(random)),
                    HttpCase.ANY);
            case 5 -> {
                // The bad bytes go before the first member's name; an empty object has none to go before.
                String valid = valid(random);
                String json = valid.equals("{}") ? "{\"presence\":\"nobody\"}" : valid;
                yield put(index, "privacy-invalid-utf8", path, token, accept, random, HostileJson.withInvalidUtf8(random, json),
                        BAD_REQUEST);
            }
            default -> put(index, "privacy-nested", path, token, accept, random,
                    with(random, random.nextBoolean() ? "presence" : "lastSeen", HostileJson.nested(random, 1 + random.nextInt(8000))),
                    BAD_REQUEST);
        };
    }

    /** A forged token or none, on the caller's own setting and whatever the body: 401 before anything else. */
    private HttpCase badToken(long index, SplittableRandom random, String path, String accept) {
        String token = random.nextInt(5) == 0 ? null : users.badToken(random);
        if (random.nextInt(3) == 0) {
            return get(index, "bad-token/privacy", path, token, accept, UNAUTHORIZED);
        }
        String json = random.nextBoolean() ? valid(random)
                : with(random, random.nextBoolean() ? "allowed" : "blocked", hostileList(random).value());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new HttpCase(index, "bad-token/privacy", "PUT", path, token, accept, "application/json", body, false,
                HostileRequests.sized(body, UNAUTHORIZED));
    }

    /** Privacy is read and replaced, never created, patched or deleted on its own. */
    private HttpCase wrongMethod(long index, SplittableRandom random, String path, String token, String accept) {
        String method = HostileRequests.pick(random, "POST", "PATCH", "DELETE");
        byte[] body = method.equals("DELETE") ? null : valid(random).getBytes(StandardCharsets.UTF_8);
        return new HttpCase(index, "privacy-method", method, path, token, accept, body == null ? null : "application/json",
                body, false, METHOD_NOT_ALLOWED);
    }

    private String ids(SplittableRandom random, int count) {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            String id = random.nextBoolean() ? users.id(users.pick(random)) : users.target(random);
            ids.append(i == 0 ? "" : ",").append(HostileJson.quote(id));
        }
        return ids.append(']').toString();
    }

    /** {@code count} distinct short ids. */
    private static String counted(int count) {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(Integer.toString(i, 36)).append('"');
        }
        return ids.append(']').toString();
    }

    private static HttpCase get(long index, String kind, String path, String token, String accept, Set<Integer> expected) {
        return new HttpCase(index, kind, "GET", path, token, accept, null, null, false, expected);
    }

    private static HttpCase put(long index, String kind, String path, String token, String accept, SplittableRandom random,
                                String json, Set<Integer> expected) {
        return put(index, kind, path, token, accept, random, json.getBytes(StandardCharsets.UTF_8), expected);
    }

    /** As JSON mostly; another content type may be a 415 whatever the body, so it expects no more than an answer. */
    private static HttpCase put(long index, String kind, String path, String token, String accept, SplittableRandom random,
                                byte[] body, Set<Integer> expected) {
        String contentType = HostileRequests.contentType(random);
        Set<Integer> declared = contentType.equals("application/json") ? expected : HttpCase.ANY;
        return new HttpCase(index, kind, "PUT", path, token, accept, contentType, body, false, HostileRequests.sized(body, declared));
    }
}
