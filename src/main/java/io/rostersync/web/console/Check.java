package io.rostersync.web.console;

/** One item of the self-check: what it checks, its verdict, why, and where to fix it (null: nowhere). */
public record Check(String title, Verdict verdict, String detail, String link) {

    /**
     * Blocking: the first sync would go wrong (the sync page says so before it is enabled, and the
     * admin decides); advice: worth reading, and can be left.
     */
    public enum Verdict {
        PASS("Passed"), BLOCKING("Blocking"), ADVICE("Advice");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Check pass(String title, String detail, String link) {
        return new Check(title, Verdict.PASS, detail, link);
    }

    public static Check blocking(String title, String detail, String link) {
        return new Check(title, Verdict.BLOCKING, detail, link);
    }

    public static Check advice(String title, String detail, String link) {
        return new Check(title, Verdict.ADVICE, detail, link);
    }
}
