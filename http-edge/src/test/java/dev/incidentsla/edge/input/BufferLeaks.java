package dev.incidentsla.edge.input;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak reports while a test runs: every buffer allocated meanwhile is tracked (the PARANOID level; the default
 * samples one in 128) and what {@link ResourceLeakDetector} logs is collected. Netty learns of a leak only once the
 * garbage collector has taken the unreleased buffer and a later allocation looks, so {@link #reported()} collects
 * garbage and allocates before it answers. Netty reports leaks with the same access records once per JVM.
 */
public final class BufferLeaks implements AutoCloseable {

    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> collector = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            reports.add(event.getFormattedMessage());
        }
    };
    private final ResourceLeakDetector.Level previousLevel = ResourceLeakDetector.getLevel();

    private BufferLeaks() throws InterruptedException {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        collectAndLook();
        collector.start();
        detectorLog.addAppender(collector);
    }

    /** Starts watching once the leaks of earlier tests that are garbage already are reported (and not collected). */
    public static BufferLeaks watch() throws InterruptedException {
        return new BufferLeaks();
    }

    /** The leaks reported since {@link #watch()}, once the buffers that nothing references any more are collected. */
    public List<String> reported() throws InterruptedException {
        collectAndLook();
        return List.copyOf(reports);
    }

    private static void collectAndLook() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(100);
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
    }

    @Override
    public void close() {
        ResourceLeakDetector.setLevel(previousLevel);
        detectorLog.detachAppender(collector);
        collector.stop();
    }
}
