package org.storemulti.queue;

import java.time.Duration;

import org.storemulti.log.DaemonLog;

/**
 * One background thread that runs a pass, then sleeps for an interval or until woken.
 * A pass that throws is logged and the loop goes on after the interval.
 */
final class PollingLoop {

    /** One pass of work. */
    @FunctionalInterface
    interface Pass {
        void run() throws Exception;
    }

    private final String name;
    private final Duration interval;
    private final Pass pass;
    private final DaemonLog log;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    PollingLoop(String name, Duration interval, Pass pass, DaemonLog log) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
        this.log = log;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " is already running");
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current pass and waits for the thread to end. */
    synchronized void stop() throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        wake();
        thread.join();
        thread = null;
    }

    boolean running() {
        return running;
    }

    /** Starts the next pass now instead of after the interval. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                pass.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.error(name + ": pass failed: " + DaemonLog.describe(e));
            }
            synchronized (signal) {
                long deadline = System.nanoTime() + interval.toNanos();
                while (running && !woken) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        signal.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
