package org.storemulti.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The command table covers the seed's chapter and gives every command both names. */
class CommandTableTest {

    /** Every command name in seed tables 12-1 to 12-18 (the msadm_tclsh commands and the tools). */
    static final List<String> SEED_COMMANDS = List.of(
            "get_admin_domain", "site_admin_add", "site_admin_del", "site_admin_list",
            "domain_add", "domain_allow_anon", "domain_del", "domain_del_quota", "domain_disable",
            "domain_disable_anon", "domain_enable", "domain_get", "domain_list", "domain_rename", "domain_set",
            "domain_set_quota",
            "admin_add", "admin_del", "admin_list", "auth_add", "auth_del", "auth_disable", "auth_enable", "auth_get",
            "auth_list", "auth_mod", "auth_passwd", "auth_rename", "user_add", "user_del", "user_list", "user_rename",
            "auth_alias_add", "auth_alias_del", "auth_alias_mod", "auth_alias_list",
            "acl_user_del", "acl_user_get", "acl_user_set", "mbox_get_user_path", "mbox_user_add", "mbox_user_del",
            "mbox_user_list", "mbox_user_rename", "mbox_user_to_shared", "mbox_usersub_add", "mbox_usersub_del",
            "mbox_usersub_rename", "quota_user_del", "quota_user_get", "quota_user_set",
            "acl_shared_del", "acl_shared_get", "acl_shared_set", "mbox_get_shared_path", "mbox_shared_add",
            "mbox_shared_del", "mbox_shared_list", "mbox_shared_rename", "quota_shared_del", "quota_shared_get",
            "quota_shared_set",
            "msadm_bulkadd", "msadm_bulkdel", "msdb_archive", "msdb_backup", "msdb_checkpoint", "msdb_recover",
            "msdb_restore", "msdb_test", "msdb_upgrade", "reconstruct");

    @Test
    void everySeedCommandIsMountedUnderItsSeedName() {
        CommandLine storeadm = StoreAdm.commandLine();
        List<String> missing = new ArrayList<>(SEED_COMMANDS);
        missing.removeAll(storeadm.getSubcommands().keySet());
        assertEquals(List.of(), missing);
    }

    @Test
    void everyTableEntryHasAReadableNameAndNoNameIsUsedTwice() {
        Set<String> seen = new HashSet<>();
        for (CommandTable.Entry entry : CommandTable.entries()) {
            assertTrue(seen.add(entry.readable()), "readable name used twice: " + entry.readable());
            assertTrue(entry.seedName() == null || entry.seedName().equals(entry.readable())
                    || seen.add(entry.seedName()), "seed name used twice: " + entry.seedName());
            assertTrue(entry.readable().matches("[a-z-]+( [a-z-]+)?"), entry.readable());
        }
    }

    @Test
    void theSeedNameAndTheReadableNameRunTheSameCommand() {
        CommandLine storeadm = StoreAdm.commandLine();
        CommandLine readable = storeadm.getSubcommands().get("acl").getSubcommands().get("user-set");
        CommandLine seed = storeadm.getSubcommands().get("acl_user_set");
        assertEquals(readable.getCommandSpec().positionalParameters().stream().map(p -> p.paramLabel()).toList(),
                seed.getCommandSpec().positionalParameters().stream().map(p -> p.paramLabel()).toList());
    }
}
