package org.storemulti.sync.location;

import java.io.IOException;
import java.io.InputStream;

/** Takes message bodies from {@link Folder#read}, one at a time. */
@FunctionalInterface
public interface BodyReader {

    /**
     * One message and its body; {@code content} is valid only during the call (read it to its end
     * to use it all; the rest is skipped).
     */
    void body(MessageMeta message, InputStream content) throws IOException;
}
