package org.storemulti.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.storemulti.fs.AtomicFile;
import org.storemulti.sync.mbox.MailboxOwnership;

/**
 * The {@code MANIFEST} of one archive, written last and atomically: an archive without one
 * is incomplete. Text, one mailbox a line, so an operator can read it:
 *
 * <pre>
 * # storemulti spool archive, format 1
 * spool /var/mail
 * saved 2026-12-07T17:10:00.123Z
 * mailbox joe size=403 mtime=1796662397.123456789 atime=1796662000.500000000 owner=joe group=mail mode=rw------- uid=1000 gid=8 sha256=...
 * </pre>
 *
 * Names and the spool path are percent-encoded outside {@code [A-Za-z0-9._@+-/]}; times are
 * seconds.nanoseconds since the epoch, exactly as the file system keeps them.
 */
record Manifest(Path spool, Instant saved, List<ManifestEntry> entries) {

    static final String FILE = "MANIFEST";
    private static final String HEADER = "# storemulti spool archive, format 1";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TIME = Pattern.compile("-?[0-9]{1,19}\\.[0-9]{9}");

    public Manifest {
        entries = List.copyOf(entries);
    }

    /** The entries by mailbox name. */
    public Map<String, ManifestEntry> byName() {
        Map<String, ManifestEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.name(), e));
        return map;
    }

    /** Writes {@code archive/MANIFEST} atomically, mode 0600. */
    void writeTo(Path archive) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("spool ").append(encode(spool.toString())).append('\n');
        text.append("saved ").append(saved).append('\n');
        for (ManifestEntry e : entries) {
            text.append("mailbox ").append(encode(e.name())).append(" size=").append(e.size())
                    .append(" mtime=").append(time(e.modified())).append(" atime=").append(time(e.accessed()))
                    .append(" owner=").append(encode(e.ownership().owner()))
                    .append(" group=").append(encode(e.ownership().group()))
                    .append(" mode=").append(e.ownership().mode()).append(" uid=").append(e.uid())
                    .append(" gid=").append(e.gid()).append(" sha256=").append(e.sha256()).append('\n');
        }
        Path file = archive.resolve(FILE);
        AtomicFile.write(file, text.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Reads {@code archive/MANIFEST}; errors name the line and what is wrong with it. */
    static Manifest readFrom(Path archive) throws IOException {
        Path file = archive.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpoolException(archive + ": no " + FILE + ": not a complete spool archive (a save that did"
                    + " not finish leaves none): give an archive made by storeadm spool save");
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new SpoolException(file + ":1: expected '" + HEADER + "': not a spool archive manifest");
        }
        Path spool = null;
        Instant saved = null;
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file + ":" + (i + 1) + ": ";
            try {
                if (line.startsWith("spool ")) {
                    spool = archive.getFileSystem().getPath(decode(line.substring(6)));
                } else if (line.startsWith("saved ")) {
                    saved = Instant.parse(line.substring(6));
                } else if (line.startsWith("mailbox ")) {
                    entries.add(entry(line.substring(8)));
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    throw new IllegalArgumentException("unknown line");
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new SpoolException(where + line + ": " + e.getMessage()
                        + " (the manifest was changed by hand? restore it from the archive's backup)");
            }
        }
        if (spool == null || saved == null) {
            throw new SpoolException(file + ": no 'spool' or 'saved' line: not a complete spool archive manifest");
        }
        return new Manifest(spool, saved, entries);
    }

    private static ManifestEntry entry(String text) {
        String[] words = text.split(" ");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + words[i] + "'");
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        for (String key : List.of("size", "mtime", "atime", "owner", "group", "mode", "uid", "gid", "sha256")) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException("no " + key + "=");
            }
        }
        if (!SHA256.matcher(fields.get("sha256")).matches()) {
            throw new IllegalArgumentException("sha256 is not 64 hex digits");
        }
        return new ManifestEntry(decode(words[0]), Long.parseLong(fields.get("size")), parseTime(fields.get("mtime")),
                parseTime(fields.get("atime")), new MailboxOwnership(decode(fields.get("owner")),
                        decode(fields.get("group")), PosixFilePermissions.fromString(fields.get("mode"))),
                Integer.parseInt(fields.get("uid")), Integer.parseInt(fields.get("gid")), fields.get("sha256"));
    }

    private static String time(FileTime time) {
        Instant instant = time.toInstant();
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    private static FileTime parseTime(String text) {
        if (!TIME.matcher(text).matches()) {
            throw new IllegalArgumentException("time '" + text + "' is not SECONDS.NANOSECONDS");
        }
        int dot = text.indexOf('.');
        return FileTime.from(Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)),
                Long.parseLong(text.substring(dot + 1))));
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "._@+-/".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("broken %-escape in '" + text + "'");
                }
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
