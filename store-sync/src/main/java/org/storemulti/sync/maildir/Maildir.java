package org.storemulti.sync.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.storemulti.fs.FileModes;

/**
 * A Maildir++ tree as Dovecot lays it out ({@code mail_location = maildir:PATH}): INBOX in
 * the root, every other folder in a directory {@code .Name.Sub} beside it (names in
 * {@link FolderNames}), the subscribed names in {@code subscriptions}. Only folders with a
 * {@code cur/} count; a directory Dovecot is deleting ({@code .DOVECOT-TRASHED}) does not.
 */
final class Maildir {

    static final String SUBSCRIPTIONS = "subscriptions";
    /** Where Dovecot puts a folder it is deleting. */
    static final String TRASHED = ".DOVECOT-TRASHED";
    private static final String SUBSCRIPTIONS_HEADER = "V\t2\n\n";

    private final Path root;
    private final FolderNames names;
    private final MaildirOptions options;

    private Maildir(Path root, FolderNames names, MaildirOptions options) {
        this.root = root;
        this.names = names;
        this.options = options;
    }

    public static Maildir at(Path root, FolderNames names, MaildirOptions options) {
        return new Maildir(root, names, options);
    }

    public Path root() {
        return root;
    }

    public FolderNames names() {
        return names;
    }

    /** The folder of store mailbox {@code name} (INBOX is the root); it may not exist yet. */
    public MaildirFolder folder(String name) {
        String directory = names.directoryOf(name);
        return new MaildirFolder(directory.isEmpty() ? root : root.resolve(directory), !directory.isEmpty(), options);
    }

    /**
     * Every folder that exists, by store name, sorted. Two directories whose names map to the
     * same store name (only possible through {@code -C}) keep the first; the other is told.
     */
    public Map<String, MaildirFolder> folders() throws IOException {
        Map<String, MaildirFolder> folders = new TreeMap<>();
        if (Files.isDirectory(root.resolve(MaildirFolder.CUR))) {
            folders.put(FolderNames.INBOX, new MaildirFolder(root, false, options));
        }
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".?*")) {
            entries.forEach(directories::add);
        } catch (NoSuchFileException e) {
            return folders;
        }
        directories.sort(null);
        for (Path directory : directories) {
            String file = directory.getFileName().toString();
            if (file.equals(".") || file.equals("..") || file.equals(TRASHED)
                    || !Files.isDirectory(directory.resolve(MaildirFolder.CUR))) {
                continue;
            }
            String name = names.nameOf(file);
            MaildirFolder previous = folders.putIfAbsent(name, new MaildirFolder(directory, true, options));
            if (previous != null) {
                options.notices().accept(directory + ": its name " + name + " is taken by " + previous.directory()
                        + " (after -C " + names.altChar() + "); skipped");
            }
        }
        return folders;
    }

    /** Makes the root (mode 0700) if it is missing. */
    public void createRoot() throws IOException {
        FileModes.createDirectories(root, FileModes.PRIVATE_DIRECTORY);
        options.own(root);
    }

    /** Renames folder {@code from} to {@code to} (its own directory only: in Maildir++ each folder has its own). */
    public void rename(String from, String to) throws IOException {
        MaildirFolder source = folder(from);
        MaildirFolder target = folder(to);
        if (from.equals(FolderNames.INBOX) || to.equals(FolderNames.INBOX)) {
            throw new IOException(root + ": INBOX cannot be renamed in a maildir (it is the root)");
        }
        MaildirFolder.move(source.directory(), target.directory());
        org.storemulti.fs.DirectorySync.forPath(root).sync(root);
    }

    /**
     * Deletes folder {@code name} and its messages, Dovecot's way: renamed aside first, so a
     * crash leaves no half folder under the real name, then removed.
     */
    public void delete(String name) throws IOException {
        if (name.equals(FolderNames.INBOX)) {
            throw new IOException(root + ": INBOX cannot be deleted");
        }
        Path directory = folder(name).directory();
        Path aside = root.resolve(TRASHED);
        if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            removeTree(aside);
        }
        try {
            MaildirFolder.move(directory, aside);
        } catch (NoSuchFileException e) {
            return;
        }
        org.storemulti.fs.DirectorySync.forPath(root).sync(root);
        removeTree(aside);
    }

    /** The subscribed mailboxes by store name; none if there is no file. */
    public Set<String> subscriptions() throws IOException {
        String text;
        try {
            text = Files.readString(root.resolve(SUBSCRIPTIONS), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Set.of();
        }
        boolean v2 = text.startsWith("V\t2\n");
        Set<String> subscribed = new LinkedHashSet<>();
        String[] lines = text.split("\n");
        for (int i = v2 ? 1 : 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty()) {
                subscribed.add(names.fromImapName(ModifiedUtf7.decode(line), v2 ? '\t' : '.'));
            }
        }
        return subscribed;
    }

    /** Replaces the subscriptions, under Dovecot's {@code subscriptions.lock}, in its version 2 format. */
    public void writeSubscriptions(Collection<String> subscribed) throws IOException {
        StringBuilder text = new StringBuilder(SUBSCRIPTIONS_HEADER);
        for (String name : subscribed) {
            text.append(ModifiedUtf7.encode(names.imapName(name)).replace('.', '\t')).append('\n');
        }
        createRoot();
        try (DovecotLock lock = DovecotLock.acquire(root.resolve(SUBSCRIPTIONS), false, options)) {
            lock.replaceWith(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void removeTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
