package org.storemulti.lifecycle;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code -e} actions: the single table of what each word does. */
public enum Action {
    INIT("init", Init::run),
    CREATE("create", Create::run),
    IMPORT("import", Import::run),
    DESTROY("destroy", Destroy::run),
    DEPORT("deport", Deport::run),
    ENABLE("enable", r -> SetEnable.run(r, true)),
    DISABLE("disable", r -> SetEnable.run(r, false)),
    ASSIGN("assign", Assign::run);

    private final String word;
    private final Consumer<Request> body;

    Action(String word, Consumer<Request> body) {
        this.word = word;
        this.body = body;
    }

    /** The action called {@code word} (case-sensitive, as postmulti). */
    public static Optional<Action> find(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }

    public String word() {
        return word;
    }

    /** Whether {@code -I} / {@code -G} mean something to this action. */
    public boolean assignsIdentity() {
        return this == CREATE || this == IMPORT || this == ASSIGN;
    }

    /** Whether this action takes {@code param=value} arguments. */
    public boolean takesSettings() {
        return this == CREATE || this == IMPORT;
    }

    /** Runs the action; throws {@link LifecycleException} (or a registry/config exception) on refusal. */
    public void run(Request request) {
        body.accept(request);
    }
}
