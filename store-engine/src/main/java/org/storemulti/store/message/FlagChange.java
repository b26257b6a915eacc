package org.storemulti.store.message;

/** IMAP STORE's three ways to change flags: {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}. */
public record FlagChange(Mode mode, Flags flags) {

    /** Replace, add or remove. */
    public enum Mode { REPLACE, ADD, REMOVE }

    public static FlagChange replace(Flags flags) {
        return new FlagChange(Mode.REPLACE, flags);
    }

    public static FlagChange add(Flags flags) {
        return new FlagChange(Mode.ADD, flags);
    }

    public static FlagChange remove(Flags flags) {
        return new FlagChange(Mode.REMOVE, flags);
    }

    /** The flags a message with {@code current} flags ends up with. */
    Flags applyTo(Flags current) {
        return switch (mode) {
            case REPLACE -> flags;
            case ADD -> current.plus(flags);
            case REMOVE -> current.minus(flags);
        };
    }
}
