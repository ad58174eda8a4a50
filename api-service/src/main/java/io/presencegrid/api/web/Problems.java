package io.presencegrid.api.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one way this API makes an RFC 9457 problem, whichever layer answers: every problem carries
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance}, none of them null,
 * so a client decodes a 401 from the security filters like a 400 from a controller.
 */
public final class Problems {

    /** RFC 9457's own default: the status code says it all. */
    private static final URI NO_SPECIFIC_TYPE = URI.create("about:blank");
    private static final URI UNKNOWN_PATH = URI.create("/");
    private static final Pattern LEADING_SLASHES = Pattern.compile("^/+");

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail, String path) {
        return complete(ProblemDetail.forStatusAndDetail(status, detail), path);
    }

    /** Gives a problem Spring made itself (a 405, a 415, a missing parameter) the members ours have. */
    public static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getType() == null) {
            problem.setType(NO_SPECIFIC_TYPE);
        }
        if (problem.getInstance() == null) {
            problem.setInstance(instance(path));
        }
        // No title to fill in: ProblemDetail answers its status's reason phrase when none was set.
        if (problem.getDetail() == null) {
            problem.setDetail(problem.getTitle());
        }
        return problem;
    }

    /**
     * The request path as a URI reference. The path comes as the client sent it, percent-escapes
     * included, and is kept so: quoting it again would turn {@code %20} into {@code %2520}. Tomcat's
     * error valve sees requests whose path is no valid URI at all; their illegal characters are quoted,
     * and a path that cannot be read becomes "/". It starts with exactly one slash, so that no path a
     * client sent (such as {@code //other.example/x}) reads as a link to another host.
     */
    static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return UNKNOWN_PATH;
        }
        String onePath = "/" + LEADING_SLASHES.matcher(path).replaceFirst("");
        try {
            URI sent = new URI(onePath);
            if (onePath.equals(sent.getRawPath())) {
                return sent;
            }
        } catch (URISyntaxException notAValidUri) {
            // Quoted below.
        }
        try {
            return new URI(null, null, onePath, null);
        } catch (URISyntaxException unreadable) {
            return UNKNOWN_PATH;
        }
    }
}
