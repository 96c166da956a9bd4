package dev.incidentsla.cluster.deploy.compose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OpenID Connect issuer as the services meet one through {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * (what docker-compose.yml sets): its discovery document and key set over HTTP on loopback, and RS256 tokens signed
 * with a key made for the run.
 */
final class TestIssuer implements AutoCloseable {

    private static final String KEY_ID = "compose-start-test";

    private final HttpServer server;
    private final String uri;
    private final RSAKey key;

    private TestIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.uri = "http://127.0.0.1:" + server.getAddress().getPort();
        this.key = key;
    }

    static TestIssuer start() throws IOException {
        RSAKey key = newKey();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestIssuer issuer = new TestIssuer(server, key);
        String keys = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, issuer.discovery()));
        server.createContext("/jwks", exchange -> answer(exchange, keys));
        server.start();
        return issuer;
    }

    /** The issuer's URI, as its tokens' {@code iss} says. */
    String uri() {
        return uri;
    }

    /** A token of {@code subject} with these roles, valid for an hour. */
    String token(String subject, List<String> roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(uri).subject(subject).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                .claim("roles", roles).build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    private String discovery() {
        return """
                {"issuer": "%1$s", "jwks_uri": "%1$s/jwks", "authorization_endpoint": "%1$s/authorize",
                 "token_endpoint": "%1$s/token", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}"""
                .formatted(uri);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RSAKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(KEY_ID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
