package io.rostersync.web.console;

/** One step of the setup: what it is, how far the district is, and where to do it (null: no page yet). */
public record SetupStep(int number, String title, String purpose, Status status, String detail, String link) {

    /** How far a step is. */
    public enum Status {
        DONE("Done"), NEEDS_ATTENTION("Needs attention"), NOT_STARTED("Not started");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The class a page styles it with. */
        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
