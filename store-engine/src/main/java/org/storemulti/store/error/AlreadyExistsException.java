package org.storemulti.store.error;

/** A named object exists already: {@code domain already exists: example.com}. */
public final class AlreadyExistsException extends StoreException {

    private final ObjectKind kind;
    private final String name;

    public AlreadyExistsException(ObjectKind kind, String name) {
        super(kind.label() + " already exists: " + name);
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
