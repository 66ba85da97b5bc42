package io.rostersync.oneroster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One spec-as-data case: a package built from a base fixture plus the case's own files, and the
 * exact problems reading it must report. See src/test/resources/oneroster/cases/README.md.
 */
record OneRosterCase(String name, String description, String base, boolean zip, String prefix, boolean strict,
        List<Expectation> expectations, List<Section> sections) {

    record Expectation(ProblemCode code, Severity severity, String file, Integer line, String column) {

        static Expectation parse(String text) {
            String[] parts = text.trim().split("\\s+");
            ProblemCode code = ProblemCode.valueOf(parts[0]);
            Severity severity = Severity.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
            String where = parts[2];
            String file = where;
            Integer line = null;
            int colon = where.lastIndexOf(':');
            if (colon > 0) {
                file = where.substring(0, colon);
                line = Integer.parseInt(where.substring(colon + 1));
            }
            return new Expectation(code, severity, file.equals("-") ? null : file, line,
                    parts.length > 3 ? parts[3] : null);
        }

        boolean matches(Problem p) {
            return p.code() == code && p.severity() == severity && java.util.Objects.equals(p.file(), file)
                    && java.util.Objects.equals(p.line(), line) && (column == null || column.equals(p.column()));
        }

        @Override
        public String toString() {
            return code + " " + severity.label() + " " + (file == null ? "-" : file) + (line == null ? "" : ":" + line)
                    + (column == null ? "" : " " + column);
        }
    }

    /** A file of the case: replaces, extends (+) or removes (-) a base file. */
    record Section(String name, char op, List<String> modifiers, String content) {
    }

    static final Path CASES = Path.of("src/test/resources/oneroster/cases");
    static final Path BASES = Path.of("src/test/resources/oneroster/bases");

    static Stream<OneRosterCase> all() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".case")).sorted().toList();
            List<OneRosterCase> cases = new ArrayList<>();
            for (Path p : list) {
                cases.add(parse(p));
            }
            return cases.stream();
        }
    }

    static OneRosterCase parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder description = new StringBuilder();
        String base = "v1.1";
        boolean zip = false;
        boolean strict = false;
        String prefix = "";
        List<Expectation> expectations = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        int i = 0;
        for (; i < lines.size() && !lines.get(i).startsWith("--- "); i++) {
            String l = lines.get(i);
            if (l.startsWith("#")) {
                description.append(l.substring(1).trim()).append(' ');
            } else if (l.startsWith("base:")) {
                base = l.substring(5).trim();
            } else if (l.startsWith("package:")) {
                zip = l.substring(8).trim().equals("zip");
            } else if (l.startsWith("prefix:")) {
                prefix = l.substring(7).trim();
            } else if (l.startsWith("options:")) {
                strict = l.contains("strict");
            } else if (l.startsWith("expect:")) {
                expectations.add(Expectation.parse(l.substring(7)));
            } else if (!l.isBlank()) {
                throw new IllegalArgumentException(file + ": cannot read line '" + l + "'");
            }
        }
        while (i < lines.size()) {
            String[] head = lines.get(i).substring(4).trim().split("\\s+", 2);
            String name = head[0];
            char op = name.charAt(0) == '+' || name.charAt(0) == '-' ? name.charAt(0) : '=';
            if (op != '=') {
                name = name.substring(1);
            }
            List<String> modifiers = head.length > 1
                    ? List.of(head[1].replace("(", "").replace(")", "").split("[ ,]+")) : List.of();
            StringBuilder content = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("--- "); i++) {
                content.append(lines.get(i)).append('\n');
            }
            sections.add(new Section(name, op, modifiers, content.toString()));
        }
        String caseName = file.getFileName().toString().replace(".case", "");
        return new OneRosterCase(caseName, description.toString().trim(), base, zip, prefix, strict, expectations,
                sections);
    }

    /** Writes the case's package under dir and returns the path to read. */
    Path write(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!base.equals("none")) {
            try (Stream<Path> baseFiles = Files.list(BASES.resolve(base))) {
                for (Path p : baseFiles.sorted().toList()) {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        }
        for (Section s : sections) {
            switch (s.op()) {
                case '-' -> files.remove(s.name());
                case '+' -> {
                    byte[] old = files.getOrDefault(s.name(), new byte[0]);
                    byte[] add = encode(s.content(), s.modifiers());
                    byte[] joined = new byte[old.length + add.length];
                    System.arraycopy(old, 0, joined, 0, old.length);
                    System.arraycopy(add, 0, joined, old.length, add.length);
                    files.put(s.name(), joined);
                }
                default -> files.put(s.name(), encode(s.content(), s.modifiers()));
            }
        }
        if (zip) {
            Path zipPath = dir.resolve(name + ".zip");
            try (OutputStream out = Files.newOutputStream(zipPath); ZipOutputStream z = new ZipOutputStream(out)) {
                for (var e : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(prefix + e.getKey()));
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
            return zipPath;
        }
        Path root = dir.resolve(name);
        for (var e : files.entrySet()) {
            Path target = root.resolve(prefix + e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        return root;
    }

    private static byte[] encode(String content, List<String> modifiers) {
        String text = content;
        if (modifiers.contains("nofinalnewline") && text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (modifiers.contains("crlf")) {
            text = text.replace("\n", "\r\n");
        }
        text = text.replace("\\t", "\t").replace("\\u00A0", "\u00A0").replace("\\u200B", "\u200B")
                .replace("\\uFEFF", "\uFEFF").replace("\\n", "\n");
        Charset charset = modifiers.contains("latin1") ? StandardCharsets.ISO_8859_1
                : modifiers.contains("utf16") ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
        byte[] body = text.getBytes(charset);
        byte[] bom = modifiers.contains("bom") ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                : modifiers.contains("utf16") ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[0];
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
