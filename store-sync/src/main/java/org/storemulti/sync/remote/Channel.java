package org.storemulti.sync.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.storemulti.sync.location.LocationException;
import org.storemulti.sync.location.LocationException.Kind;

/**
 * One connection to a sync server, used by one thread at a time: requests out, replies in.
 * A failure of the stream itself (it ended, it broke, it said something unexpected) makes the
 * channel unusable: every later call fails at once, and the location does not reuse it.
 */
final class Channel implements Closeable {

    /** A connection's two streams and how to end it. */
    interface Connection extends Closeable {
        InputStream input();

        OutputStream output();
    }

    /** The request's arguments. */
    @FunctionalInterface
    interface Arguments {
        void write(DataOutputStream out) throws IOException;
    }

    private final Connection connection;
    private final String where;
    final DataInputStream in;
    final DataOutputStream out;
    private String identity;
    private List<String> capabilities;
    private boolean broken;

    Channel(Connection connection, String where) {
        this.connection = connection;
        this.where = where;
        this.in = new DataInputStream(new BufferedInputStream(connection.input(), 64 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(connection.output(), 64 * 1024));
    }

    /** Says hello; the server answers with the protocol version, its identity and its capabilities. */
    Channel handshake() throws IOException {
        try {
            IOException unsent = null;
            try {
                out.write((Wire.HANDSHAKE + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                unsent = e; // a command that is no server may have ended already: what it said tells more
            }
            String answer = line();
            if (!Wire.HANDSHAKE.equals(answer)) {
                throw new LocationException(Kind.FAILED, where + ": not a sync server of protocol 1 (it said \""
                        + answer + "\"); the command must run storeadm sync-server");
            }
            if (unsent != null) {
                throw unsent;
            }
            identity = Wire.string(in);
            capabilities = new ArrayList<>(Wire.strings(in));
            return this;
        } catch (IOException e) {
            broken = true;
            throw e instanceof LocationException ? e : failure(e);
        }
    }

    String identity() {
        return identity;
    }

    List<String> capabilities() {
        return capabilities;
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return text.length() == 0 ? "nothing (it ended)" : text.toString();
            }
            if (text.length() > 300) {
                return text.toString();
            }
            text.append((char) c);
        }
        return text.toString();
    }

    /** How a reply's results are read. */
    @FunctionalInterface
    interface Results<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** A request and its reply's results; a stream failure breaks the channel. */
    <T> T request(Op op, Arguments arguments, Results<T> results) throws IOException {
        DataInputStream reply = call(op, arguments);
        try {
            return results.read(reply);
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** A request whose reply has no results. */
    void request(Op op, Arguments arguments) throws IOException {
        call(op, arguments);
    }

    /** Sends a request and reads the reply's status: the stream to read its results from, or the error. */
    DataInputStream call(Op op, Arguments arguments) throws IOException {
        send(op, arguments);
        out.flush();
        return reply();
    }

    /** Sends a request that is not answered now (ADD). */
    void send(Op op, Arguments arguments) throws IOException {
        if (broken) {
            throw new LocationException(Kind.FAILED, where + ": the connection failed earlier");
        }
        try {
            out.writeByte(op.ordinal());
            arguments.write(out);
        } catch (LocationException | Wire.SourceFailure e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** The status of the next reply. */
    DataInputStream reply() throws IOException {
        try {
            int status = in.read();
            if (status == Wire.OK) {
                return in;
            }
            if (status == Wire.ERROR) {
                throw Wire.error(in);
            }
            throw new IOException(status < 0 ? "the connection ended" : "protocol error: reply " + status);
        } catch (LocationException e) {
            throw e;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Marks the channel broken and says so in one line naming the peer. */
    LocationException failure(IOException e) {
        broken = true;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new LocationException(Kind.FAILED, where + ": " + message, e);
    }

    boolean broken() {
        return broken;
    }

    /** Says goodbye (when the channel still works) and ends the connection. */
    @Override
    public void close() throws IOException {
        try {
            if (!broken) {
                call(Op.BYE, o -> { });
            }
        } catch (IOException e) {
            // ending anyway
        } finally {
            connection.close();
        }
    }
}
