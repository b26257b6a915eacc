package org.storemulti.store.error;

/**
 * A name was refused before anything was created:
 * {@code invalid mailbox name "a/../b": contains a ".." segment}.
 */
public final class InvalidNameException extends StoreException {

    private final ObjectKind kind;
    private final String name;

    public InvalidNameException(ObjectKind kind, String name, String reason) {
        super("invalid " + kind.label() + " name \"" + printable(name) + "\": " + reason);
        this.kind = kind;
        this.name = name;
    }

    public ObjectKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** Control characters shown as {@code \\uXXXX} so the message stays one printable line. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
