package org.storemulti.admin;

import java.nio.file.Path;
import java.util.List;

import org.storemulti.store.Store;
import org.storemulti.store.message.Delivery;
import org.storemulti.store.message.DeliveryResult;

/** Child JVM for {@link CrashTest}: delivers to joe@example.com forever, printing each acknowledged UID. */
public final class CrashDeliverer {

    private CrashDeliverer() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]))) {
            for (int i = 0; ; i++) {
                DeliveryResult r = store.deliver(List.of(Delivery.of("example.com", "user/joe/INBOX",
                        ("Subject: crash " + i + "\r\n\r\nbody " + i + "\r\n").getBytes()))).get(0);
                if (r instanceof DeliveryResult.Stored stored) {
                    System.out.println(stored.uid());
                    System.out.flush();
                }
            }
        }
    }
}
