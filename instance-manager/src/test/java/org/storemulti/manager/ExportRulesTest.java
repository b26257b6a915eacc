package org.storemulti.manager;

import java.util.Map;
import java.util.Set;

import org.storemulti.testing.ExportRulesContract;
import org.storemulti.testing.ModuleExports;

/**
 * instance-manager is the top floor: it exports nothing, no other module may use it. Its
 * public types are the programs the launchers and the build run ({@code main}) and what one of
 * its packages uses of another (see {@link ModuleExports} for the rules and why they are a test).
 */
class ExportRulesTest extends ExportRulesContract {

    private static final ModuleExports RULES = ModuleExports.of("instance-manager", Set.of(), Map.of());

    @Override
    protected ModuleExports rules() {
        return RULES;
    }
}
