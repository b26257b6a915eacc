package org.storemulti.registry;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;

import org.storemulti.daemon.InstanceLayout;

/**
 * One store instance as the manager sees it, with every value {@code $}-expanded.
 *
 * @param configDirectory where its main.cf lives (absolute, normalized)
 * @param name {@code multi_instance_name}, empty for a nameless instance
 * @param group {@code multi_instance_group}, empty for none
 * @param enabled whether {@code storemulti -p start} starts it
 * @param primary whether it is the primary instance
 * @param queueDirectory its {@code queue_directory}
 * @param dataDirectory its {@code data_directory}
 * @param commandDirectory its {@code command_directory}
 * @param daemonDirectory its {@code daemon_directory}
 * @param syslogName its {@code syslog_name}
 * @param lmtpListen its {@code lmtp_listen} endpoints
 * @param imapListen its {@code imap_listen} endpoints
 */
public record Instance(Path configDirectory, String name, String group, boolean enabled, boolean primary,
        Path queueDirectory, Path dataDirectory, Path commandDirectory, Path daemonDirectory,
        String syslogName, List<String> lmtpListen, List<String> imapListen) {

    public Instance {
        lmtpListen = List.copyOf(lmtpListen);
        imapListen = List.copyOf(imapListen);
    }

    /** Its name, else its config directory: how messages and output prefixes name it. */
    public String label() {
        return name.isEmpty() ? configDirectory.toString() : name;
    }

    /**
     * Whether its daemon runs: the runtime's one answer ({@link InstanceLayout#runningDaemon},
     * the daemon's lock on the data directory), never a pid that may be stale or gone.
     *
     * @throws RegistryException when this user cannot tell (no access to the data directory)
     */
    public boolean running() {
        try {
            return new InstanceLayout(queueDirectory, dataDirectory).runningDaemon().isPresent();
        } catch (AccessDeniedException e) {
            throw new RegistryException("cannot tell whether instance " + label() + " is running: " + e.getFile()
                    + ": permission denied (run this as the user who owns " + dataDirectory + ", or as root)", e);
        } catch (IOException e) {
            throw new RegistryException("cannot tell whether instance " + label() + " is running: " + e, e);
        }
    }

    /** The same instance with another name and group. */
    public Instance withIdentity(String newName, String newGroup) {
        return new Instance(configDirectory, newName, newGroup, enabled, primary, queueDirectory, dataDirectory,
                commandDirectory, daemonDirectory, syslogName, lmtpListen, imapListen);
    }
}
