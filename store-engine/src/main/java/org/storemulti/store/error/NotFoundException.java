package org.storemulti.store.error;

/** A named object does not exist: {@code no such domain: example.com}. */
public final class NotFoundException extends StoreException {

    private final ObjectKind kind;
    private final String name;

    public NotFoundException(ObjectKind kind, String name) {
        super("no such " + kind.label() + ": " + name);
        this.kind = kind;
        this.name = name;
    }

    public ObjectKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
