package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.services.socapi.application.port.in.FollowThreatUpdatesUseCase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live view's stream: server-sent events, one {@code threat-update} per pipeline event filed in
 * an audit trail, so the dashboard shows a classification the moment it is stored instead of at its
 * next poll. Server-sent events rather than a WebSocket: the browser reads them with {@code fetch},
 * which sends the same {@code X-Api-Key} or {@code Authorization} header as every other call (a
 * browser cannot put headers on a WebSocket handshake, only the URL, where credentials get logged),
 * and they pass the same authentication, roles and throttle as the rest of the API.
 */
@RestController
@Tag(name = "threats", description = "Finding submission and threat queries")
@RequestMapping(path = "/api/v1")
public class ThreatUpdatesController implements DisposableBean {

    /** How the stream is bounded ({@code soc.api.updates.*}). */
    public record Limits(int maxFollowers, int queueCapacity, Duration heartbeat, Duration timeout) {
        public Limits {
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    private final FollowThreatUpdatesUseCase followUpdates;
    private final Limits limits;
    private final AtomicInteger followers = new AtomicInteger();
    private final Set<ThreatUpdateStream> streams = ConcurrentHashMap.newKeySet();

    ThreatUpdatesController(FollowThreatUpdatesUseCase followUpdates, Limits limits) {
        this.followUpdates = Objects.requireNonNull(followUpdates, "followUpdates");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @GetMapping(path = "/threats/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Follow threat updates live (server-sent events)",
            description = "A text/event-stream that stays open: an event named `threat-update` (id: the pipeline"
                    + " event's id, data: a ThreatUpdate as JSON) each time a pipeline event is filed in an"
                    + " investigation's audit trail, comments as heartbeats, and an event named `overflow` before the"
                    + " server ends the stream of a client that fell too far behind. Updates published while no"
                    + " stream was open are not replayed: read GET /api/v1/threats after (re)connecting.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = ThreatUpdateResponse.class)))
    @ApiResponse(
            responseCode = "503",
            description = "This instance streams to as many live views as it is configured for",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = org.springframework.http.ProblemDetail.class)))
    SseEmitter followThreatUpdates() {
        if (followers.incrementAndGet() > limits.maxFollowers()) {
            followers.decrementAndGet();
            throw new TooManyFollowersException(limits.maxFollowers());
        }
        SseEmitter emitter = new SseEmitter(limits.timeout().toMillis());
        ThreatUpdateStream stream = new ThreatUpdateStream(emitter, limits.queueCapacity(), limits.heartbeat());
        FollowThreatUpdatesUseCase.Following following = followUpdates.follow(stream::offer);
        streams.add(stream);
        stream.start(() -> {
            following.close();
            streams.remove(stream);
            followers.decrementAndGet();
        });
        return emitter;
    }

    /** Live views streaming from this instance now. */
    public int followerCount() {
        return followers.get();
    }

    /** Shutdown: end every stream, so that clients reconnect (to another instance) at once. */
    @Override
    public void destroy() {
        streams.forEach(ThreatUpdateStream::close);
    }
}
