package org.storemulti.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a file as {@code gzip -9n} does, which Debian wants for man pages and changelogs:
 * best compression, said so in the header (lintian checks the flag, which
 * {@link java.util.zip.GZIPOutputStream} always leaves clear), no name and no time stamp.
 */
final class GzipFile {

    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int BEST_COMPRESSION_FLAG = 2;
    private static final int UNIX = 3;

    private GzipFile() {
    }

    static void write(byte[] content, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(new byte[] {(byte) MAGIC_1, (byte) MAGIC_2, DEFLATE, 0, 0, 0, 0, 0, BEST_COMPRESSION_FLAG, UNIX});
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            try {
                DeflaterOutputStream body = new DeflaterOutputStream(out, deflater);
                body.write(content);
                body.finish();
            } finally {
                deflater.end();
            }
            CRC32 crc = new CRC32();
            crc.update(content);
            writeLittleEndian(out, crc.getValue());
            writeLittleEndian(out, content.length & 0xffffffffL);
        }
    }

    private static void writeLittleEndian(OutputStream out, long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
