package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.storemulti.fs.AtomicFile;
import org.storemulti.fs.FileModes;
import org.storemulti.sync.location.TreeOwner;
import org.storemulti.sync.maildir.ModifiedUtf7;

/**
 * Dovecot's {@code .subscriptions} of an mbox tree, in its version 2 format ({@code V\t2}, then
 * one name a line, levels separated by a tab, in modified UTF-7); replaced atomically.
 */
final class SubscriptionsFile {

    private static final String HEADER = "V\t2\n";

    private final Path file;
    private final TreeOwner owner;

    SubscriptionsFile(Path file, TreeOwner owner) {
        this.file = file;
        this.owner = owner;
    }

    /** The subscribed names ({@code /} between levels); none without the file. */
    Set<String> read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeSet<>();
        }
        Set<String> names = new TreeSet<>();
        boolean v2 = text.startsWith(HEADER);
        String[] lines = text.split("\n");
        for (int i = v2 ? 1 : 0; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                names.add(ModifiedUtf7.decode(lines[i].replace('\t', '/')));
            }
        }
        return names;
    }

    /** Makes {@code names} the subscriptions. */
    void write(Set<String> names) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        names.forEach(n -> text.append(ModifiedUtf7.encode(n).replace('/', '\t')).append('\n'));
        FileModes.createDirectories(file.getParent(), FileModes.PRIVATE_DIRECTORY);
        AtomicFile.write(file, text.toString(), FileModes.PRIVATE_FILE);
        TreeOwner.give(owner, file);
    }
}
