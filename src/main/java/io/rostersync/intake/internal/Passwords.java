package io.rostersync.intake.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Password hashes: Argon2id with Spring Security's current defaults (memory-hard, salted, self-describing). */
public final class Passwords {

    private static final Argon2PasswordEncoder ARGON2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    private Passwords() {
    }

    public static String hash(String password) {
        return ARGON2.encode(password);
    }

    public static boolean matches(String password, String hash) {
        return hash != null && password != null && ARGON2.matches(password, hash);
    }
}
