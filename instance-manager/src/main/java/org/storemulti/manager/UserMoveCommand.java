package org.storemulti.manager;

import java.util.concurrent.Callable;

import org.storemulti.cli.HelpOptions;
import org.storemulti.cli.VersionProvider;
import org.storemulti.move.UserMove;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code storemulti user-move USER --to INSTANCE [--purge]}: the options below are its manual. */
@Command(name = "user-move", versionProvider = VersionProvider.class, separator = " ", sortOptions = false,
        usageHelpWidth = 100,
        description = {"Move a user's mail to another instance (resumable after a crash).", "",
            "The five steps Dovecot's dsync documents for doing it by hand: an initial mirror, a second mirror, the delivery route switched (the transport map of",
            "--postfix-transport rewritten and storemulti_postmap_command run on it), logins on the source",
            "refused and the user's IMAP sessions there kicked, a final mirror. Each step is recorded in the",
            "primary's data_directory/user-moves/ once done: after a crash, the same command finishes the",
            "move. Run again after the move, it mirrors once more (mail the source took late goes along);",
            "the source keeps its disabled copy until --purge."})
final class UserMoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    StoreMulti parent;

    @Mixin
    HelpOptions helpOptions;

    @Parameters(index = "0", paramLabel = "USER", description = "The store user, name@domain.")
    String user;

    @Option(names = "--to", paramLabel = "INSTANCE", required = true,
            description = "The instance that gets the user (store-x or x, or its config directory; '-' is the primary).")
    String target;

    @Option(names = "--purge", description = "After a finished move: mirror once more, then delete the source's"
            + " copy (refused if the source took mail since the move).")
    boolean purge;

    @Option(names = "-v", description = "More logging.")
    boolean[] verbose = new boolean[0];

    @Override
    public Integer call() {
        UserMove.run(parent.primaryDirectory(), user, target, purge, spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return 0;
    }
}
