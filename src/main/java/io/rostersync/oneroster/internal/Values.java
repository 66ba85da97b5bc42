package io.rostersync.oneroster.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How a value is read, shared by the validator (which reports what it finds) and the snapshot's
 * record readers (which apply the same forgiving reading): one definition of each leniency.
 */
public final class Values {

    private Values() {
    }

    /** The binding's GUID: 1 to 255 of {@code [0-9A-Za-z._-/@]}. */
    public static boolean isGuid(String s) {
        int n = s.length();
        if (n == 0 || n > 255) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '/' || c == '@')) {
                return false;
            }
        }
        return true;
    }

    private static final boolean[] GUID_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            GUID_CHAR[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_' || c == '.' || c == '/' || c == '@';
        }
    }

    /**
     * The id's hash if it is a valid GUID, else 0: one pass over the characters for both. Two
     * interleaved FNV lanes keep the multiplier chains independent, which doubles the speed on the
     * hottest loop of a large file.
     */
    public static long guidHash(String s) {
        int n = s.length();
        if (n == 0 || n > 255) {
            return 0;
        }
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            char c = s.charAt(i);
            char d = s.charAt(i + 1);
            if (c >= 128 || d >= 128 || !GUID_CHAR[c] || !GUID_CHAR[d]) {
                return 0;
            }
            a = (a ^ c) * 0x100000001b3L;
            b = (b ^ d) * 0x100000001b3L;
        }
        if (i < n) {
            char c = s.charAt(i);
            if (c >= 128 || !GUID_CHAR[c]) {
                return 0;
            }
            a = (a ^ c) * 0x100000001b3L;
        }
        return mix(a ^ Long.rotateLeft(b, 29) ^ n);
    }

    /** The same hash as {@link #guidHash} for any string (a non-GUID id still has to be found). */
    public static long idHash(String s) {
        int n = s.length();
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            a = (a ^ s.charAt(i)) * 0x100000001b3L;
            b = (b ^ s.charAt(i + 1)) * 0x100000001b3L;
        }
        if (i < n) {
            a = (a ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(a ^ Long.rotateLeft(b, 29) ^ n);
    }

    /**
     * The hash by which two users.csv emails are the same: blanks around it and letter case do not
     * count. 0 for no email.
     */
    public static long emailKey(String email) {
        if (email == null) {
            return 0;
        }
        String key = trim(email).trim();
        if (key.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 128) {
                key = key.toLowerCase(java.util.Locale.ROOT);
                break;
            }
        }
        long h = idHash(key);
        return h == 0 ? 1 : h;
    }

    private static long mix(long x) {
        long h = x;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Whether a status says the record leaves: tobedeleted, or 1.0's inactive, in any case. */
    public static boolean meansLeaving(String status) {
        return status.equalsIgnoreCase("tobedeleted") || status.equalsIgnoreCase("inactive");
    }

    /** Excel's rendering of a long number, e.g. {@code 1.23457E+11}. */
    public static boolean isScientificNotation(String s) {
        int e = s.indexOf('E');
        if (e < 0) {
            e = s.indexOf('e');
        }
        if (e <= 0 || e + 2 > s.length()) {
            return false;
        }
        String mantissa = s.substring(0, e);
        String exponent = s.substring(e + 1);
        return mantissa.matches("\\d(\\.\\d+)?") && exponent.matches("\\+?\\d+");
    }

    public static boolean hasOuterWhitespace(String s) {
        return !s.isEmpty() && (isSpace(s.charAt(0)) || isSpace(s.charAt(s.length() - 1)));
    }

    /** Trims spaces, tabs and non-breaking spaces. */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || c == '\u00A0' || c == '\u200B' || c == '\uFEFF';
    }

    /** Splits a list value on commas, trimming items and dropping empty ones and repeats. */
    public static List<String> list(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        if (s.indexOf(',') < 0) {
            String t = trim(s);
            return t.isEmpty() ? List.of() : List.of(t);
        }
        List<String> items = new ArrayList<>(4);
        int start = 0;
        while (start <= s.length()) {
            int comma = s.indexOf(',', start);
            int end = comma < 0 ? s.length() : comma;
            String item = trim(s.substring(start, end));
            if (!item.isEmpty() && !items.contains(item)) {
                items.add(item);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return List.copyOf(items);
    }

    /** true/false, forgiving case (Excel writes TRUE); null for anything else. */
    public static Boolean bool(String s) {
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** A date in the binding's YYYY-MM-DD form, or null. */
    public static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Whether a value is a real date in the binding's YYYY-MM-DD form, without allocating. */
    public static boolean isDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int last = switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= last;
    }

    /** Dates as Excel shows them: 8/15/2026, 15/08/26. */
    public static boolean isExcelDate(String s) {
        return s.matches("\\d{1,2}/\\d{1,2}/(\\d{2}|\\d{4})");
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** How well a date-time follows the binding. */
    public enum DateTimeForm { EXACT, READABLE, INVALID }

    public static DateTimeForm dateTimeForm(String s) {
        if (s.length() >= 20 && s.charAt(10) == 'T' && s.endsWith("Z") && parseDateTime(s) != null) {
            return DateTimeForm.EXACT;
        }
        return parseDateTime(s) != null ? DateTimeForm.READABLE : DateTimeForm.INVALID;
    }

    /** Reads a date-time: the binding's form, or the near misses exports produce, as UTC. */
    public static Instant parseDateTime(String s) {
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
            }
            if (s.length() == 10) {
                LocalDate d = date(s);
                return d == null ? null : d.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    public static boolean isYear(String s) {
        return s.length() == 4 && digits(s, 0, 4) >= 0;
    }

    /** A grade as meant: Excel's 9 is 09. */
    public static String grade(String s) {
        if (s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '9') {
            return "0" + s;
        }
        return s;
    }

    /** Parses {@code {type:id}}; null when malformed or the id is blank. */
    public static io.rostersync.oneroster.UserId userId(String item) {
        if (item.length() < 4 || item.charAt(0) != '{' || item.charAt(item.length() - 1) != '}') {
            return null;
        }
        int colon = item.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String type = trim(item.substring(1, colon));
        String id = trim(item.substring(colon + 1, item.length() - 1));
        return type.isEmpty() || id.isEmpty() ? null : new io.rostersync.oneroster.UserId(type, id);
    }

    /** Levenshtein distance, for "did you mean" hints on short names. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
