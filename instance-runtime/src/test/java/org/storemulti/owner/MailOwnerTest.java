package org.storemulti.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storemulti.config.ConfigException;
import org.storemulti.config.InstanceConfig;

/** Who may act for an instance, and how root hands a process to its owner. */
class MailOwnerTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyMailOwnerMeansWhoeverRunsTheCommand() throws IOException {
        MailOwner owner = MailOwner.of(config(""));

        assertEquals(System.getProperty("user.name"), owner.name());
        assertTrue(owner.isInvoker());
        assertFalse(owner.switchesUser());
        assertEquals(List.of(), owner.switchCommand());
        assertEquals(Optional.empty(), owner.refusal("storectl"));
    }

    @Test
    void rootActsForTheOwnerAndSwitchesUserForWhatItStarts() {
        MailOwner owner = new MailOwner("store", "root", "main.cf:3");

        assertTrue(owner.switchesUser());
        assertEquals(Optional.empty(), owner.refusal("storectl"));
    }

    @Test
    void anyOtherUserIsRefusedWithTheLineOfMailOwnerAndTheFix() {
        MailOwner owner = new MailOwner("store", "joe", "/etc/store/main.cf:3");

        assertFalse(owner.switchesUser());
        ConfigException e = assertThrows(ConfigException.class, () -> owner.requireMayAct("storeadm"));
        assertEquals("/etc/store/main.cf:3: mail_owner = store: the instance belongs to store, and files storeadm"
                + " made as joe would be unusable to store: run storeadm as store or as root", e.getMessage());
    }

    @Test
    void theOwnerActsForItselfWithoutSwitching() throws IOException {
        MailOwner owner = new MailOwner("store", "store", "main.cf:3");

        assertEquals(List.of(), owner.switchCommand());
        assertEquals(owner, owner.requireMayAct("storectl"));
    }

    @Test
    void rootSwitchesThroughSetprivWithTheOwnersGroupsAndRefusesAnUnknownUser() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root switches user");
        assumeTrue(Files.isExecutable(MailOwner.SETPRIV), "setpriv is not installed (util-linux)");

        MailOwner nobody = MailOwner.of(config("mail_owner = nobody"));
        List<String> prefix = nobody.switchCommand();
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=nobody", "--init-groups", "--"),
                List.of(prefix.get(0), prefix.get(1), prefix.get(3), prefix.get(4)));
        assertTrue(prefix.get(2).matches("--regid=\\d+"), prefix.toString());

        MailOwner unknown = MailOwner.of(config("mail_owner = no-such-user-x"));
        IOException e = assertThrows(IOException.class, unknown::switchCommand);
        assertTrue(e.getMessage().startsWith(dir.resolve("main.cf") + ":1: mail_owner = no-such-user-x: no such user"),
                e.getMessage());
    }

    @Test
    void aNumericMailOwnerIsRefusedBeforeAnythingIsHandedOver() {
        MailOwner uid = new MailOwner("65534", "root", "main.cf:2");

        IOException e = assertThrows(IOException.class, () -> uid.principal(dir.getFileSystem()));
        assertEquals("main.cf:2: mail_owner = 65534: give the user's login name, not a number", e.getMessage());
        assertThrows(IOException.class, uid::switchCommand);
    }

    private InstanceConfig config(String line) throws IOException {
        Files.writeString(dir.resolve("main.cf"), line + "\n");
        return InstanceConfig.load(dir);
    }
}
