package org.storemulti.store;

import java.nio.file.Path;

/**
 * The process {@link UpgradeCrashTest} kills: prints {@code UPGRADING}, upgrades the data
 * directory given as its argument, prints {@code DONE}.
 */
public final class UpgradeChild {

    private UpgradeChild() {
    }

    public static void main(String[] args) {
        System.out.println("UPGRADING");
        System.out.flush();
        Store.upgrade(Path.of(args[0]));
        System.out.println("DONE");
        System.out.flush();
    }
}
