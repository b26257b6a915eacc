package org.storemulti.sync;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.storemulti.sync.location.Location;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;
import org.storemulti.sync.location.UserPath;
import org.storemulti.sync.maildir.MaildirLocation;
import org.storemulti.sync.maildir.MaildirOptions;
import org.storemulti.sync.mboxlocation.MboxLocation;
import org.storemulti.sync.remote.RemoteLocation;
import org.storemulti.sync.store.StoreLocation;

/**
 * Turns the sync's LOCATION words into a {@link Location}: {@code store:CONFIG_DIR} or a bare
 * instance configuration directory (another instance on this host, through the engine),
 * {@code maildir:PATH}, {@code mbox:PATH}; anything else is a command whose standard input and
 * output speak the sync protocol ({@code ssh mailuser@host storeadm sync-server -u USER}).
 * Where a location kind lives is decided here, and only here.
 */
public final class Locations {

    private static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9+.-]*:");

    /** What only the runtime knows: where an instance's configuration puts its store. */
    public interface Instances {

        /** Whether {@code directory} holds an instance's configuration. */
        boolean isConfigDirectory(Path directory);

        /**
         * The data directory of the instance configured in {@code configDirectory}; a one-line
         * error naming the directory and the fix if it is none.
         */
        Path dataDirectory(Path configDirectory) throws IOException;
    }

    private Locations() {
    }

    /**
     * The location {@code words} name, paths read on {@code fileSystem}; one word is a location or
     * a command, several a command.
     */
    public static Location open(List<String> words, FileSystem fileSystem, Instances instances) throws IOException {
        if (words.isEmpty()) {
            throw new LocationException(Kind.REFUSED, "no LOCATION given");
        }
        if (words.size() == 1) {
            String word = words.get(0);
            if (word.startsWith("store:")) {
                return store(fileSystem.getPath(word.substring("store:".length())), word, instances);
            }
            if (word.startsWith("maildir:")) {
                return maildir(fileSystem, word);
            }
            if (word.startsWith("mbox:")) {
                return mbox(fileSystem, word);
            }
            if (KIND.matcher(word).find()) {
                throw new LocationException(Kind.REFUSED, word + ": unknown kind of location; expected store:CONFIG_DIR,"
                        + " maildir:PATH, mbox:PATH, an instance's configuration directory, or a command");
            }
            if (instances.isConfigDirectory(fileSystem.getPath(word))) {
                return store(fileSystem.getPath(word), "store:" + word, instances);
            }
        }
        return RemoteLocation.command(words);
    }

    private static Location maildir(FileSystem fileSystem, String word) throws LocationException {
        String template = word.substring("maildir:".length());
        if (template.isEmpty()) {
            throw new LocationException(Kind.REFUSED, word + ": no path; give maildir:PATH (%u %n %d for per-user trees)");
        }
        try {
            return MaildirLocation.at(UserPath.parse(fileSystem, template), word, MaildirOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw new LocationException(Kind.REFUSED, word + ": " + e.getMessage());
        }
    }

    private static Location mbox(FileSystem fileSystem, String word) throws LocationException {
        String rest = word.substring("mbox:".length());
        int apart = rest.indexOf(":INBOX=");
        String path = apart < 0 ? rest : rest.substring(0, apart);
        String inbox = apart < 0 ? null : rest.substring(apart + ":INBOX=".length());
        if (path.isEmpty() || inbox != null && inbox.isEmpty()) {
            throw new LocationException(Kind.REFUSED, word + ": no path; give mbox:PATH (a file, or a directory of"
                    + " mbox files) or mbox:DIR:INBOX=FILE (%u %n %d for per-user paths)");
        }
        try {
            return MboxLocation.at(UserPath.parse(fileSystem, path), inbox == null ? null : UserPath.parse(fileSystem, inbox),
                    word, MboxLocation.Settings.defaults());
        } catch (IllegalArgumentException e) {
            throw new LocationException(Kind.REFUSED, word + ": " + e.getMessage());
        }
    }

    private static Location store(Path configDirectory, String description, Instances instances) throws IOException {
        return StoreLocation.open(instances.dataDirectory(configDirectory), description);
    }
}
