package io.rostersync.oneroster.internal.csv;

/** What the first bytes of a file say about its encoding. */
enum Encoding {
    UTF8,
    UTF8_WITH_BOM,
    UTF16,
    EMPTY;

    static Encoding sniff(byte[] head, int n) {
        if (n == 0) {
            return EMPTY;
        }
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return UTF8_WITH_BOM;
        }
        if (n >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            return UTF16;
        }
        // UTF-16 without a BOM: ASCII text with every other byte zero
        int zeros = 0;
        int probe = Math.min(n, 64);
        for (int i = 0; i < probe; i++) {
            if (head[i] == 0) {
                zeros++;
            }
        }
        return zeros > probe / 4 ? UTF16 : UTF8;
    }
}
