package io.rostersync.intake.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A OneRoster REST record as a row of its CSV file, column by column of the CSV header, by the
 * binding's own correspondence: {@code xSourcedId} is the {@code sourcedId} of the reference
 * {@code x} ({@code school}, {@code course}, {@code parent}, {@code schoolYear}); {@code xSourcedIds}
 * those of the list {@code xs} ({@code orgs}, {@code terms}, {@code agents}); lists are joined by
 * commas, {@code userIds} written {@code {type:identifier}}. A bulk file leaves status and
 * dateLastModified blank; a delta file has them, a record without a date taking the pull's. A
 * password is never written. Booleans come as strings or as JSON
 * booleans, as providers send them.
 */
final class RestRecords {

    /** 1.2's REST names of the preferred names, where the CSV binding says given and family. */
    private static final Map<String, String> REST_NAMES = Map.of("preferredGivenName", "preferredFirstName",
            "preferredFamilyName", "preferredLastName");

    private RestRecords() {
    }

    /** @param changeStamp null for a bulk row; for a delta row, the date of a change that has none */
    static List<String> row(List<String> header, JsonNode record, String changeStamp) {
        List<String> row = new ArrayList<>(header.size());
        for (String column : header) {
            row.add(switch (column) {
                case "status" -> changeStamp == null ? "" : status(record);
                case "dateLastModified" -> changeStamp == null ? "" : dated(record, changeStamp);
                default -> cell(column, record);
            });
        }
        return row;
    }

    /** A delta row's status: tobedeleted, or (anything else a provider sends) active. */
    private static String status(JsonNode record) {
        return deleted(record) ? "tobedeleted" : "active";
    }

    static boolean deleted(JsonNode record) {
        return "tobedeleted".equalsIgnoreCase(record.path("status").asString(""));
    }

    private static String dated(JsonNode record, String changeStamp) {
        String date = scalar(record.path("dateLastModified"));
        return date.isBlank() ? changeStamp : date;
    }

    static String cell(String column, JsonNode record) {
        switch (column) {
            case "status", "dateLastModified", "password" -> {
                return "";
            }
            case "userIds" -> {
                List<String> ids = new ArrayList<>();
                for (JsonNode id : record.path("userIds")) {
                    String type = id.path("type").asString("");
                    String identifier = id.path("identifier").asString("");
                    if (!identifier.isEmpty()) {
                        ids.add("{" + type + ":" + identifier + "}");
                    }
                }
                return String.join(",", ids);
            }
            default -> {
                // the references, by the correspondence above
            }
        }
        if (column.endsWith("SourcedIds")) {
            String list = column.substring(0, column.length() - "SourcedIds".length()) + "s";
            List<String> ids = new ArrayList<>();
            for (JsonNode ref : record.path(list)) {
                String id = ref.path("sourcedId").asString("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return String.join(",", ids);
        }
        if (column.endsWith("SourcedId") && !column.equals("sourcedId")) {
            return reference(record.path(column.substring(0, column.length() - "SourcedId".length())));
        }
        JsonNode value = record.path(column);
        if (value.isMissingNode() && REST_NAMES.containsKey(column)) {
            value = record.path(REST_NAMES.get(column));
        }
        return scalar(value);
    }

    /**
     * The REST fields a file's columns come from, for the {@code fields} parameter: only what is written,
     * so a provider never sends a password, a 1.2 user profile's credentials or an extension. The status
     * and date come too: a deleted record is left out of a bulk file, and a delta file says both.
     */
    static String fields(List<String> header, boolean v12, String... more) {
        java.util.LinkedHashSet<String> fields = new java.util.LinkedHashSet<>();
        fields.add("sourcedId");
        fields.add("status");
        fields.add("dateLastModified");
        for (String column : header) {
            switch (column) {
                case "status", "dateLastModified", "password" -> {
                    continue;
                }
                default -> {
                    // as cell() reads it
                }
            }
            if (column.endsWith("SourcedIds")) {
                fields.add(column.substring(0, column.length() - "SourcedIds".length()) + "s");
            } else if (column.endsWith("SourcedId") && !column.equals("sourcedId")) {
                fields.add(column.substring(0, column.length() - "SourcedId".length()));
            } else if (v12 && REST_NAMES.containsKey(column)) {
                // cell() reads either spelling: ask for both (a field a provider does not have is ignored)
                fields.add(REST_NAMES.get(column));
                fields.add(column);
            } else {
                fields.add(column);
            }
        }
        fields.addAll(List.of(more));
        return String.join(",", fields);
    }

    /** A reference's sourcedId; some providers send the bare id rather than {href, sourcedId, type}. */
    private static String reference(JsonNode ref) {
        if (ref.isObject()) {
            return ref.path("sourcedId").asString("");
        }
        return scalar(ref);
    }

    private static String scalar(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                String s = scalar(item);
                if (!s.isEmpty()) {
                    items.add(s);
                }
            }
            return String.join(",", items);
        }
        if (value.isObject()) {
            return "";
        }
        return value.asString("");
    }

    /**
     * 1.2: the rows of roles.csv of one user, from their {@code roles}: {roleType, role, org, beginDate,
     * endDate}.
     *
     * @param changeStamp null for bulk rows; for delta rows, the date of a user without one (a role has
     *                    no status or date of its own over REST: it is active, of its user's date). A
     *                    deleted user's roles are not written: the user's row says they leave.
     */
    static List<List<String>> roles(List<String> header, JsonNode user, String changeStamp) {
        List<List<String>> rows = new ArrayList<>();
        if (deleted(user)) {
            return rows;
        }
        String userId = user.path("sourcedId").asString("");
        for (JsonNode role : user.path("roles")) {
            List<String> row = new ArrayList<>(header.size());
            String org = reference(role.path("org"));
            for (String column : header) {
                row.add(switch (column) {
                    case "sourcedId" -> userId + "|" + org + "|" + role.path("role").asString("");
                    case "userSourcedId" -> userId;
                    case "orgSourcedId" -> org;
                    case "userProfileSourcedId" -> role.path("userProfile").asString("");
                    case "status" -> changeStamp == null ? "" : "active";
                    case "dateLastModified" -> changeStamp == null ? "" : dated(user, changeStamp);
                    default -> scalar(role.path(column));
                });
            }
            rows.add(row);
        }
        return rows;
    }
}
