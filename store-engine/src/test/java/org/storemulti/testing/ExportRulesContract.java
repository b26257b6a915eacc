package org.storemulti.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The export rules of {@link ModuleExports} as tests. Each module's {@code ExportRulesTest}
 * extends this and says what the module exports, and why the types it lists are public.
 */
public abstract class ExportRulesContract {

    /** The module's exports and its listed types. */
    protected abstract ModuleExports rules();

    @Test
    public void otherModulesUseOnlyWhatTheModuleExports() {
        assertEquals(List.of(), rules().usesOfUnexportedPackages(), rules().module() + " does not export these");
    }

    @Test
    public void aTypeIsPublicOnlyIfAnotherPackageOrModuleUsesItIsAProgramOrIsListedWithWhy() {
        assertEquals(List.of(), rules().needlesslyPublicTypes(), "make these package-private, or list why they are public");
        assertEquals(List.of(), rules().staleExceptions(), "listed, but no longer so: take them off the list");
    }
}
