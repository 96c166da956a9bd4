package dev.incidentsla.edge.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed JWTs for the services' tests: an RSA key made for the test run, its public half in a PEM file that a
 * service reads through {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, and tokens signed with
 * the private half (RS256), as an identity provider would sign them.
 */
public final class TestTokens {

    private static final KeyPair KEY = newKey();
    private static final KeyPair STRANGER = newKey();
    private static final Path PUBLIC_KEY = publicKeyFile(KEY);

    private TestTokens() {
    }

    /** The properties that turn access control on against this test key. */
    public static Map<String, String> accessProperties() {
        return Map.of("incident-sla.access.enabled", "true",
                "spring.security.oauth2.resourceserver.jwt.public-key-location", PUBLIC_KEY.toUri().toString());
    }

    /** A token of {@code subject} with these roles, limited to {@code contracts} when it is not null. */
    public static String token(String subject, List<String> roles, List<String> contracts) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("https://issuer.test")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now()))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .claim("roles", roles);
        if (contracts != null) {
            claims.claim("contracts", contracts);
        }
        return sign(claims.build(), KEY);
    }

    /** A well-signed token without a subject: nobody to record as the actor. */
    public static String withoutSubject(List<String> roles) {
        return sign(new JWTClaimsSet.Builder().claim("roles", roles)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build(), KEY);
    }

    /** A token that expired an hour ago. */
    public static String expired(String subject, List<String> roles) {
        return sign(new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build(), KEY);
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByStranger(String subject, List<String> roles) {
        return sign(new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build(), STRANGER);
    }

    private static String sign(JWTClaimsSet claims, KeyPair key) {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            token.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile(KeyPair key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("incident-sla-test-key", ".pem");
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
