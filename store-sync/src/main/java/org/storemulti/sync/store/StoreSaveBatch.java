package org.storemulti.sync.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.store.error.StoreException;
import org.storemulti.store.message.DeliveryResult;
import org.storemulti.store.message.MessageBatch;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.MessageMeta;
import org.storemulti.sync.location.SaveBatch;
import org.storemulti.sync.location.Saved;

/** A store's {@link MessageBatch} as the SPI's batch. */
final class StoreSaveBatch implements SaveBatch {

    private final MessageBatch batch;
    private final String where;

    StoreSaveBatch(MessageBatch batch, String where) {
        this.batch = batch;
        this.where = where;
    }

    @Override
    public void add(MessageMeta wanted, InputStream content) throws IOException {
        try {
            batch.add(content, wanted.flags(), wanted.internalDate(), wanted.guid(), wanted.uid());
        } catch (StoreException e) {
            throw StoreErrors.translate(where, e);
        }
    }

    @Override
    public List<Saved> commit() throws LocationException {
        List<Saved> saved = new ArrayList<>();
        for (DeliveryResult result : StoreErrors.call(where, batch::commit)) {
            if (result instanceof DeliveryResult.Stored stored) {
                saved.add(Saved.stored(stored.uid(), stored.guid(), stored.modseq()));
            } else if (result instanceof DeliveryResult.OverQuota over) {
                saved.add(Saved.refused(over.toException().getMessage()));
            } else if (result instanceof DeliveryResult.UnknownMailbox) {
                throw new LocationException(LocationException.Kind.NOT_FOUND, where + ": no such mailbox (deleted)");
            } else if (result instanceof DeliveryResult.TemporaryFailure failure) {
                throw new LocationException(LocationException.Kind.FAILED, where + ": " + failure.reason());
            } else {
                throw new LocationException(LocationException.Kind.FAILED, where + ": not saved: " + result);
            }
        }
        return saved;
    }

    @Override
    public void close() {
        batch.close();
    }
}
