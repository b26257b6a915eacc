package org.storemulti.packaging;

import java.util.function.Supplier;

import org.storemulti.admin.StoreAdm;
import org.storemulti.cli.CommandRunner;
import org.storemulti.cli.StoreConf;
import org.storemulti.control.StoreCtl;
import org.storemulti.manager.StoreMulti;

import picocli.CommandLine;

/** The four commands, built as their launchers build them: what man pages and completion describe. */
enum Program {
    STOREMULTI("storemulti", () -> CommandRunner.commandLine("storemulti", new StoreMulti())),
    STORECTL("storectl", () -> CommandRunner.commandLine("storectl", new StoreCtl())),
    STORECONF("storeconf", () -> CommandRunner.commandLine("storeconf", new StoreConf())),
    STOREADM("storeadm", StoreAdm::commandLine);

    private final String command;
    private final Supplier<CommandLine> cli;

    Program(String command, Supplier<CommandLine> cli) {
        this.command = command;
        this.cli = cli;
    }

    /** The command's name, as typed. */
    String command() {
        return command;
    }

    /** A fresh command line with every option and subcommand mounted. */
    CommandLine commandLine() {
        return cli.get();
    }
}
