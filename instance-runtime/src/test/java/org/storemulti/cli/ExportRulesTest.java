package org.storemulti.cli;

import java.util.Map;
import java.util.Set;

import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * What instance-runtime exports: the packages instance-manager drives an instance through
 * (the commands in-process, main.cf, the control API, the daemon for the class-data training,
 * the runtime facts the life cycle checks, the moved-user markers a user move sets). {@code spool}
 * is the runtime's own. See {@link ModuleExports} for the rules and why they are a test.
 */
class ExportRulesTest extends ExportRulesContract {

    private static final ModuleExports RULES = ModuleExports.of("instance-runtime", Set.of(
            "org.storemulti.admin",     // StoreAdm: the packaging's man page, the training
            "org.storemulti.cli",       // CommandRunner, StoreConf, the shared options and version
            "org.storemulti.config",    // main.cf: registry, reader, editor, the typed view
            "org.storemulti.control",   // StoreCtl in-process for storemulti -p, ControlClient
            "org.storemulti.daemon",    // InstanceLayout (runtime paths); the daemon, for the training
            "org.storemulti.delivery",  // MovedUsers: user-move marks a user the source then defers
            "org.storemulti.lmtp",      // Endpoint: lmtp_listen, checked at create
            "org.storemulti.log",       // the daemon's log, for the training's in-process daemon
            "org.storemulti.owner",     // MailOwner: who may act for an instance
            "org.storemulti.queue"),    // QueueDirectories: an empty queue before destroy
            Map.of("config.ParameterType", "Parameter.type(): the parameters man page prints what each one expects",
                    "daemon.ServiceStatus", "DaemonStatus.services(): storectl status -j prints each service's state"));

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
