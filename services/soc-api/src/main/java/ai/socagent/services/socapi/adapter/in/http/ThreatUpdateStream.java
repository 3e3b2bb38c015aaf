package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One follower's server-sent events: updates wait in a bounded queue of its own and a virtual thread
 * writes them out, so that a slow or stalled client never holds the bus delivery that published them.
 * A client that falls {@code capacity} updates behind gets an {@code overflow} event and the end of
 * the stream: it reconnects and reads the threats again rather than silently missing some. A comment
 * every {@code heartbeat} keeps proxies from closing an idle stream and finds clients that are gone.
 */
final class ThreatUpdateStream {

    static final String UPDATE_EVENT = "threat-update";
    static final String OVERFLOW_EVENT = "overflow";

    /** Put in the queue by {@link #close()} to wake the writer (no interrupt: it may be mid-write). */
    private static final ThreatUpdate END =
            new ThreatUpdate("end", "end", "end", Optional.empty(), Instant.EPOCH, "end");

    private final SseEmitter emitter;
    private final int capacity;
    private final BlockingQueue<ThreatUpdate> waiting;
    private final Duration heartbeat;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean overflowed;

    ThreatUpdateStream(SseEmitter emitter, int capacity, Duration heartbeat) {
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.capacity = capacity;
        // one more slot than the client may fall behind: room for END when it has
        this.waiting = new ArrayBlockingQueue<>(capacity + 1);
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** Queues {@code update}; never blocks. A full queue ends the stream with an overflow event. */
    void offer(ThreatUpdate update) {
        if (open.get() && (waiting.size() >= capacity || !waiting.offer(update))) {
            overflowed = true;
            close();
        }
    }

    /** Starts the writer; {@code onEnd} runs once when the stream ends, whichever side ends it. */
    void start(Runnable onEnd) {
        emitter.onCompletion(() -> end(onEnd));
        emitter.onTimeout(() -> end(onEnd));
        emitter.onError(gone -> end(onEnd));
        Thread.ofVirtual().name("threat-updates-stream").start(() -> write(onEnd));
    }

    /** Ends the stream from this side (overflow, shutdown). */
    void close() {
        if (open.compareAndSet(true, false)) {
            // what waits is dropped: a client told to start over reads the threats again
            waiting.clear();
            waiting.offer(END);
        }
    }

    boolean isOpen() {
        return open.get();
    }

    private void end(Runnable onEnd) {
        close();
        finish(onEnd);
    }

    private void finish(Runnable onEnd) {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    private void write(Runnable onEnd) {
        try {
            // first bytes at once: the client knows it is connected, proxies see a live response
            emitter.send(SseEmitter.event().comment("following threat updates"));
            while (open.get()) {
                ThreatUpdate update = waiting.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (update == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else if (update != END && open.get()) {
                    send(update);
                }
            }
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            open.set(false);
        } catch (IOException | IllegalStateException gone) {
            // the client went away (or the emitter completed meanwhile)
            open.set(false);
        }
        try {
            if (overflowed) {
                emitter.send(SseEmitter.event()
                        .name(OVERFLOW_EVENT)
                        .data("more than " + capacity + " updates behind: read the threats again and reconnect"));
            }
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            // nothing left to tell
        }
        finish(onEnd);
    }

    private void send(ThreatUpdate update) throws IOException {
        emitter.send(SseEmitter.event()
                .name(UPDATE_EVENT)
                .id(update.eventId())
                .data(ThreatUpdateResponse.of(update), MediaType.APPLICATION_JSON));
    }
}
