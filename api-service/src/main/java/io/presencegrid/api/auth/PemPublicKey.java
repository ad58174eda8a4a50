package io.presencegrid.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** An RSA or EC public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, as openssl writes it). */
final class PemPublicKey {

    private PemPublicKey() {
    }

    static PublicKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("PRESENCE_JWT_PUBLIC_KEY_FILE: cannot read " + file + ": " + e.getMessage(), e);
        }
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("PRESENCE_JWT_PUBLIC_KEY_FILE: " + file
                    + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException notThisKind) {
                // The DER names its algorithm; the key factory of the other kind refuses it.
            }
        }
        throw new IllegalStateException("PRESENCE_JWT_PUBLIC_KEY_FILE: " + file + " is neither an RSA nor an EC public key");
    }
}
