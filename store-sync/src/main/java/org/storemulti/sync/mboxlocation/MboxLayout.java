package org.storemulti.sync.mboxlocation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.storemulti.sync.maildir.ModifiedUtf7;

/**
 * Where one user's mailboxes lie: the INBOX file, and (unless the location is one file) a
 * directory whose files are mailboxes and whose subdirectories hold the mailboxes below,
 * names in modified UTF-7 as Dovecot keeps them. A directory holds mailboxes and no messages:
 * an mbox name is a file or a directory, never both (Dovecot's rule too); it counts as a
 * mailbox only where the tree's state says one was made there.
 * Dot files, lock files and our state are not mailboxes.
 *
 * @param root the directory of folders, or null when the location is the INBOX file alone
 * @param inbox the INBOX file
 */
record MboxLayout(Path root, Path inbox) {

    static final String INBOX = "INBOX";

    boolean singleFile() {
        return root == null;
    }

    /** The file (or directory) of mailbox {@code name}. */
    Path pathOf(String name) {
        if (name.equals(INBOX)) {
            return inbox;
        }
        Path path = root;
        for (String segment : name.split("/")) {
            path = path.resolve(ModifiedUtf7.encode(segment));
        }
        return path;
    }

    /**
     * Where the tree's state lies: in Dovecot's index directory {@code .imap} of the tree (Dovecot
     * lists every other file of the directory as a mailbox, dot files too), or beside the lone
     * INBOX file.
     */
    Path stateFile() {
        return root != null ? root.resolve(".imap").resolve(TreeState.FILE)
                : inbox.resolveSibling("." + inbox.getFileName() + TreeState.FILE);
    }

    /** Dovecot's subscriptions file of the tree. */
    Path subscriptionsFile() {
        return root != null ? root.resolve(".subscriptions")
                : inbox.resolveSibling("." + inbox.getFileName() + ".subscriptions");
    }

    /** Every mailbox there is, by name, with its path (INBOX always: a missing file is an empty INBOX). */
    Map<String, Path> folders() throws IOException {
        Map<String, Path> folders = new TreeMap<>();
        folders.put(INBOX, inbox);
        if (root != null && Files.isDirectory(root)) {
            walk(root, "", folders);
        }
        return folders;
    }

    private void walk(Path directory, String prefix, Map<String, Path> folders) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.startsWith(".") || file.endsWith(".lock") || entry.equals(inbox)
                        || prefix.isEmpty() && file.equalsIgnoreCase("inbox")) {
                    continue;
                }
                String name = prefix + ModifiedUtf7.decode(file);
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.put(name, entry);
                    walk(entry, name + "/", folders);
                } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.put(name, entry);
                }
            }
        }
    }
}
