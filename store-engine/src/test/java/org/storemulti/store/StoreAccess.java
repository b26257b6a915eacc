package org.storemulti.store;

import java.io.IOException;

/** Test access to a store's internals: raw SQL (to make pre-upgrade states) and file counts. */
final class StoreAccess {

    private StoreAccess() {
    }

    static void sql(Store store, String statement) {
        store.database().write(session -> session.update(statement));
    }

    static long number(Store store, String query) {
        return store.database().read(session -> session.number(query));
    }

    static long messageFiles(Store store) throws IOException {
        return store.files().listAll().size() + temporaryFiles(store);
    }

    static long temporaryFiles(Store store) throws IOException {
        return store.files().listTemporary().size();
    }
}
