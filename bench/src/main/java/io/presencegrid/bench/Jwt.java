package io.presencegrid.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 dev tokens for load clients, as scripts/token.sh makes them (sub, scope, 1 h). */
final class Jwt {

    private Jwt() {
    }

    static String hs256(String secret, String userId) {
        return hs256(secret, userId, "presence");
    }

    /** With {@code scope} "presence presence:admin": an operator's token, which the actuator's metrics need. */
    static String hs256(String secret, String userId, String scope) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = base64.encodeToString(("{\"sub\":\"" + userId + "\",\"scope\":\"" + scope + "\",\"iat\":" + now
                    + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "." + base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
