package org.storemulti.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;

/**
 * The user an instance's queue and data directories belong to and its daemon runs as
 * ({@code name}), and the user running this command ({@code invoker}). With
 * {@code mail_owner} empty they are the same. Otherwise root acts for the owner and any
 * other user is refused: files it made would be its own, and the daemon could not use them.
 *
 * @param name    the owning user
 * @param invoker the user running this JVM
 * @param where   where the owner was decided: {@code main.cf:LINE} of mail_owner, or the
 *                config file when mail_owner is not set
 */
public record MailOwner(String name, String invoker, String where) {

    /** The user who may act for any owner. */
    public static final String ROOT = "root";
    /** util-linux's setpriv: execs a command under another uid, gid and groups, nothing else. */
    public static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    /** The owner {@code config} names, seen from the user running this JVM. */
    public static MailOwner of(InstanceConfig config) {
        String invoker = System.getProperty("user.name");
        String owner = config.get("mail_owner").strip();
        return new MailOwner(owner.isEmpty() ? invoker : owner, invoker, config.where("mail_owner"));
    }

    /** Whether this JVM runs as the owner. */
    public boolean isInvoker() {
        return name.equals(invoker);
    }

    /** Whether this JVM is root acting for another owner: what it starts must switch user. */
    public boolean switchesUser() {
        return !isInvoker() && ROOT.equals(invoker);
    }

    /**
     * Why {@code program} may not work on this instance as the invoker (neither the owner
     * nor root); empty when it may. {@link #fix} says what to do instead.
     */
    public Optional<String> refusal(String program) {
        if (isInvoker() || ROOT.equals(invoker)) {
            return Optional.empty();
        }
        return Optional.of(where + ": mail_owner = " + name + ": the instance belongs to " + name
                + ", and files " + program + " made as " + invoker + " would be unusable to " + name);
    }

    /** What to do about a {@link #refusal}. */
    public String fix(String program) {
        return "run " + program + " as " + name + " or as root";
    }

    /**
     * This owner, when {@code program} may act for it (a program that hands its work to the
     * owner: storectl); else the refusal with its fix.
     */
    public MailOwner requireMayAct(String program) {
        refusal(program).ifPresent(why -> {
            throw new ConfigException(why + ": " + fix(program));
        });
        return this;
    }

    /**
     * This owner, when this JVM runs as the owner: a program that writes instance files
     * itself (storeadm) must, even as root, or the daemon could not use what it made.
     */
    public MailOwner requireIsOwner(String program) {
        if (!isInvoker()) {
            throw new ConfigException(where + ": mail_owner = " + name + ": " + program + " writes files that " + name
                    + " must own, and runs as " + invoker + ": run it as " + name
                    + (ROOT.equals(invoker) ? " (runuser -u " + name + " -- " + program + " ...)" : ""));
        }
        return this;
    }

    /**
     * Runs {@code command} as the owner with this process's standard streams and returns
     * its exit status: how root runs storeadm for a mail_owner, as Postfix's postsuper drops
     * to mail_owner. Call it before reading standard input.
     */
    public int run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(switchCommand());
        full.addAll(command);
        return new ProcessBuilder(full).inheritIO().start().waitFor();
    }

    /**
     * The command prefix that runs what follows as the owner, with the owner's primary
     * group and supplementary groups; empty when no switch is needed.
     */
    public List<String> switchCommand() throws IOException {
        if (!switchesUser()) {
            return List.of();
        }
        requireLoginName();
        if (!Files.isExecutable(SETPRIV)) {
            throw new IOException(where + ": mail_owner = " + name + ": root starts processes as " + name
                    + " through " + SETPRIV + ", which is missing: install util-linux, or run this as " + name);
        }
        return List.of(SETPRIV.toString(), "--reuid=" + name, "--regid=" + primaryGroup(), "--init-groups", "--");
    }

    /** The owner as a principal of {@code fileSystem}, to hand directories to. */
    public UserPrincipal principal(FileSystem fileSystem) throws IOException {
        requireLoginName();
        try {
            return fileSystem.getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException(where + ": mail_owner = " + name + ": no such user: create it or change mail_owner", e);
        }
    }

    /** The owner's primary group as a principal of {@code fileSystem}, to give sockets to. */
    public GroupPrincipal group(FileSystem fileSystem) throws IOException {
        requireLoginName();
        // the lookup takes a group name or, failing that, a number: id -g gives the number
        return fileSystem.getUserPrincipalLookupService().lookupPrincipalByGroupName(primaryGroup());
    }

    /**
     * Ownership is compared by name (what {@code ls -l} shows), so a uid would never match:
     * Postfix's mail_owner is a login name too.
     */
    private void requireLoginName() throws IOException {
        if (name.chars().allMatch(Character::isDigit)) {
            throw new IOException(where + ": mail_owner = " + name + ": give the user's login name, not a number");
        }
    }

    /** Java has no passwd lookup; id(1) asks NSS, so LDAP or sssd users work too. */
    private String primaryGroup() throws IOException {
        Process id = new ProcessBuilder("id", "-g", "--", name).redirectErrorStream(true).start();
        id.getOutputStream().close();
        String printed = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (id.waitFor() != 0 || !printed.matches("\\d+")) {
                throw new IOException(where + ": mail_owner = " + name + ": no such user (id -g: " + printed
                        + "): create it or change mail_owner");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up the group of " + name, e);
        }
        return printed;
    }
}
