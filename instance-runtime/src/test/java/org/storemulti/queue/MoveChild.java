package org.storemulti.queue;

import java.nio.file.Path;

/**
 * The child JVM of {@link QueueMoveKillTest}: moves every message from one queue to
 * another ({@code SOURCE DESTINATION copy|rename}) and says "ready" first, so the parent
 * can time its kill from there.
 */
public final class MoveChild {

    private MoveChild() {
    }

    public static void main(String[] args) throws Exception {
        QueueDirectories source = QueueDirectories.of(Path.of(args[0]));
        QueueDirectories destination = QueueDirectories.of(Path.of(args[1]));
        QueueMover mover = new QueueMover(source, destination, args[2].equals("copy"), System.err::println);
        System.out.println("ready");
        System.out.flush();
        mover.moveAll();
        System.out.println("done");
    }
}
