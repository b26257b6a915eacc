package org.storemulti.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.storemulti.testing.ModuleExports;

/**
 * instance-manager is the top floor: it exports nothing, no other module may use it. Its
 * public types are the programs the launchers and the build run ({@code main}) and what one of
 * its packages uses of another (see {@link ModuleExports} for the rules and why they are a test).
 */
class ExportRulesTest {

    private static final ModuleExports RULES = ModuleExports.of("instance-manager", Set.of(), Map.of());

    @Test
    void noOtherModuleUsesTheManager() {
        assertEquals(List.of(), RULES.usesOfUnexportedPackages());
    }

    @Test
    void aTypeIsPublicOnlyIfAnotherPackageUsesItOrItIsAProgram() {
        assertEquals(List.of(), RULES.needlesslyPublicTypes(), "make these package-private");
        assertEquals(List.of(), RULES.staleExceptions());
    }
}
