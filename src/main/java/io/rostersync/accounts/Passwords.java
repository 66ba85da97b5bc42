package io.rostersync.accounts;

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

    /** A password to give out once: 24 letters and digits from a strong random source (about 140 bits). */
    public static String newPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder b = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
