package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;

/**
 * The RFC 6154 special-use attributes of a tree's folders, by mailbox GUID (so they follow a
 * rename), in {@code storemulti-special-use} in the root: one line per folder, the GUID, a tab,
 * the attributes with spaces between. Dovecot keeps special-use in its configuration, not in
 * the maildir, and ignores this file; it is here so a store's attributes survive a round trip.
 */
final class SpecialUseFile {

    static final String NAME = "storemulti-special-use";

    private final Path file;
    private final MaildirOptions options;

    SpecialUseFile(Path root, MaildirOptions options) {
        this.file = root.resolve(NAME);
        this.options = options;
    }

    /** GUID to attributes; empty without the file. Lines that do not read are skipped. */
    Map<String, Set<String>> read() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return uses;
        }
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab == 32) {
                uses.put(line.substring(0, tab), new TreeSet<>(Set.of(line.substring(tab + 1).trim().split(" +"))));
            }
        }
        return uses;
    }

    /** Sets the attributes of folder {@code guid} (empty: none), replacing the file atomically. */
    void set(String guid, Set<String> attributes) throws IOException {
        Map<String, Set<String>> uses = read();
        Set<String> before = uses.getOrDefault(guid, Set.of());
        if (before.equals(attributes)) {
            return;
        }
        if (attributes.isEmpty()) {
            uses.remove(guid);
        } else {
            uses.put(guid, new TreeSet<>(attributes));
        }
        StringBuilder text = new StringBuilder();
        uses.forEach((g, a) -> text.append(g).append('\t').append(String.join(" ", a)).append('\n'));
        AtomicFile.write(file, text.toString(), FileModes.PRIVATE_FILE);
        options.own(file);
    }
}
