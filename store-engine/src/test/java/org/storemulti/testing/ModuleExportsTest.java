package org.storemulti.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export rules find what they should, and only that, in a checkout made for the test. */
class ModuleExportsTest {

    @TempDir
    static Path checkout;

    private static void write(String path, String... lines) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    @BeforeAll
    static void twoModules() throws IOException {
        String lib = "lib/src/main/java/org/storemulti/lib/";
        write(lib + "Api.java", "package org.storemulti.lib;", "import org.storemulti.lib.inner.Helper;",
                "public final class Api { Helper helper; }");
        write(lib + "Unnamed.java", "package org.storemulti.lib;", "public interface Unnamed {}");
        write(lib + "Joined.java", "package org.storemulti.lib;", "public enum Joined { ONE }");
        write(lib + "inner/Helper.java", "package org.storemulti.lib.inner;", "public final class Helper {}");
        write(lib + "inner/Lonely.java", "package org.storemulti.lib.inner;", "/** Named by nobody. */",
                "public record Lonely(int n) {}");
        write(lib + "inner/Kept.java", "package org.storemulti.lib.inner;", "public interface Kept {}");
        write(lib + "inner/Quiet.java", "package org.storemulti.lib.inner;", "final class Quiet {}");
        write(lib + "inner/Tool.java", "package org.storemulti.lib.inner;",
                "public final class Tool { public static void main(String[] args) {} }");
        String app = "app/src/";
        write(app + "main/java/org/storemulti/app/Uses.java", "package org.storemulti.app;",
                "import org.storemulti.lib.Api;", "import org.storemulti.lib.inner.Helper;",
                "class Uses { Api api; org.storemulti.lib.inner.Kept kept; }");
        write(app + "main/java/org/storemulti/app/Mentions.java", "package org.storemulti.app;",
                "/** Not {@link org.storemulti.lib.inner.Lonely}. */",
                "class Mentions { String name = \"org.storemulti.lib.inner.Tool\"; char q = '\"'; // org.storemulti.lib.inner.Quiet",
                "}");
        write(app + "test/java/org/storemulti/lib/inner/HelperTest.java", "package org.storemulti.lib.inner;",
                "class HelperTest {}");
        write(lib.replace("main", "test") + "inner/LonelyTest.java", "package org.storemulti.lib.inner;",
                "class LonelyTest { Lonely lonely; org.storemulti.lib.Unnamed unnamed; }");
        write(lib.replace("main", "test") + "TestedHere.java", "package org.storemulti.lib;",
                "class TestedHereTest { Tested tested; }");
        write(lib + "Tested.java", "package org.storemulti.lib;", "public final class Tested {}");
        write(app + "test/java/org/storemulti/lib/JoinedTest.java", "package org.storemulti.lib;",
                "class JoinedTest { Joined joined; }");
    }

    private static ModuleExports lib(Map<String, String> publicAnyway) {
        return new ModuleExports(checkout, "lib", Set.of("org.storemulti.lib"), publicAnyway, Map.of());
    }

    @Test
    void findsTheModulesPackages() {
        assertEquals(Set.of("org.storemulti.lib", "org.storemulti.lib.inner"), lib(Map.of()).packages());
    }

    @Test
    void anotherModuleNamingOrJoiningAnUnexportedPackageIsAUseButACommentOrAStringIsNot() {
        assertEquals(List.of(
                "app/src/main/java/org/storemulti/app/Uses.java: org.storemulti.lib.inner.Helper",
                "app/src/main/java/org/storemulti/app/Uses.java: org.storemulti.lib.inner.Kept",
                "app/src/test/java/org/storemulti/lib/inner/HelperTest.java: declares package org.storemulti.lib.inner"),
                lib(Map.of()).usesOfUnexportedPackages());
    }

    @Test
    void anotherModuleNamingATypeOfTheModulesOwnUseIsAUse() {
        ModuleExports rules = lib(Map.of()).withOwnUse(Map.of("lib.Api", "for lib's own packages"));
        assertTrue(rules.usesOfUnexportedPackages().contains("app/src/main/java/org/storemulti/app/Uses.java: org.storemulti.lib.Api"));
        assertEquals(List.of(), rules.staleExceptions());
        assertEquals(List.of("lib.inner.Helper"), lib(Map.of()).withOwnUse(Map.of("lib.inner.Helper", "unexported anyway"))
                .staleExceptions());
    }

    @Test
    void aPublicTypeOnlyItsOwnPackageNamesIsNeedlesslyPublicUnlessItIsAProgramOrListed() {
        assertEquals(List.of("lib.Tested", "lib.inner.Kept", "lib.inner.Lonely"), lib(Map.of()).needlesslyPublicTypes());
        assertEquals(List.of("lib.inner.Lonely"), lib(Map.of("lib.inner.Kept", "why", "lib.Tested", "API"))
                .needlesslyPublicTypes());
    }

    @Test
    void theModulesOwnTestOfAnotherPackageIsAClientOfTheApiButNotOfAnInternalPackage() {
        assertFalse(lib(Map.of()).needlesslyPublicTypes().contains("lib.Unnamed"));
        assertTrue(lib(Map.of()).needlesslyPublicTypes().contains("lib.inner.Lonely"));
    }

    @Test
    void anExceptionForATypeThatIsNamedElsewhereNotPublicOrGoneIsStale() {
        Map<String, String> listed = Map.of("lib.inner.Kept", "why", "lib.inner.Helper", "named by Api",
                "lib.inner.Quiet", "not public", "lib.inner.Gone", "deleted");
        assertEquals(List.of("lib.inner.Gone", "lib.inner.Helper", "lib.inner.Quiet"), lib(listed).staleExceptions());
    }
}
