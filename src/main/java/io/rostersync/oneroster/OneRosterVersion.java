package io.rostersync.oneroster;

import java.util.Optional;

/** The OneRoster CSV binding a package follows. 1.2.1 is a correction of 1.2 and reads as 1.2. */
public enum OneRosterVersion {
    V1_0("1.0"),
    V1_1("1.1"),
    V1_2("1.2");

    private final String label;

    OneRosterVersion(String label) {
        this.label = label;
    }

    /** The version as a manifest writes it in {@code oneroster.version}. */
    public String label() {
        return label;
    }

    public static Optional<OneRosterVersion> fromLabel(String label) {
        String trimmed = label == null ? "" : label.trim();
        if (trimmed.equals("1.2.1")) {
            return Optional.of(V1_2);
        }
        for (OneRosterVersion v : values()) {
            if (v.label.equals(trimmed)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
