package ai.socagent.services.socapi.adapter.in.http;

import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.socapi.application.port.in.QueryAgentsUseCase;
import ai.socagent.services.socapi.domain.AgentHealth;
import ai.socagent.services.socapi.domain.AgentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agents' status: per agent its instances, their model calls and queues, and how they stand. */
@RestController
@Tag(name = "agents", description = "The agents' status")
@RequestMapping(path = "/api/v1/agents", produces = MediaType.APPLICATION_JSON_VALUE)
public class AgentController {

    private final QueryAgentsUseCase agents;

    AgentController(QueryAgentsUseCase agents) {
        this.agents = agents;
    }

    @GetMapping
    @Operation(
            summary = "The five agents, in pipeline order, each with its instances' latest status reports",
            description = "An instance reports every few seconds (reportEveryMillis); it is up while its report is at"
                    + " most two intervals old and no model breaker is open, degraded up to six intervals or with a"
                    + " breaker open, down after that. Reports of instances gone for a day have expired.")
    @ApiResponse(responseCode = "200", description = "The agents")
    List<AgentResponse> agents() {
        return agents.agents().stream().map(AgentResponse::from).toList();
    }

    @GetMapping("/{agent}")
    @Operation(summary = "One agent with its instances' latest status reports")
    @ApiResponse(responseCode = "200", description = "The agent")
    @ApiResponse(
            responseCode = "404",
            description = "No agent of that name",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    AgentResponse agent(
            @Parameter(
                            description = "The agent's name",
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "ThreatClassifier",
                                                "ThreatIntelligence",
                                                "Investigation",
                                                "RootCauseAnalysis",
                                                "ResponseOrchestration"
                                            }))
                    @PathVariable
                    String agent) {
        return agents.agent(agent).map(AgentResponse::from).orElseThrow(() -> new AgentNotFoundException(agent));
    }

    record AgentResponse(
            String agent,

            @Schema(
                    allowableValues = {"up", "degraded", "down"},
                    description = "Its best instance's; down without any")
            String state,

            List<InstanceResponse> instances) {
        static AgentResponse from(AgentView view) {
            return new AgentResponse(
                    view.agent().displayName(),
                    stateName(view.health()),
                    view.instances().stream().map(InstanceResponse::from).toList());
        }
    }

    record InstanceResponse(
            String instanceId,

            @Schema(allowableValues = {"up", "degraded", "down"})
            String state,

            Instant startedAt,

            @Schema(description = "When the instance last reported")
            Instant reportedAt,

            long reportEveryMillis,

            @Schema(allowableValues = {"offline", "converse", "agents"})
            String modelMode,

            List<ModelResponse> models,
            List<QueueResponse> queues) {
        static InstanceResponse from(AgentView.Instance instance) {
            AgentStatus status = instance.status();
            return new InstanceResponse(
                    status.instanceId(),
                    stateName(instance.health()),
                    status.startedAt(),
                    status.reportedAt(),
                    status.reportEvery().toMillis(),
                    status.modelMode(),
                    status.models().stream().map(ModelResponse::from).toList(),
                    status.queues().stream().map(QueueResponse::from).toList());
        }
    }

    record ModelResponse(
            String model,
            @Schema(description = "Calls under way") int inFlight,

            @Schema(description = "The adaptive concurrency limit now")
            int limit,

            @Schema(description = "Callers waiting for a place or a rate permit now")
            int waiting,

            @Schema(description = "Calls so far that waited for a place")
            long limiterWaits,

            @Schema(description = "Calls so far the provider throttled")
            long throttled,

            @Schema(description = "Calls so far that waited too long and were not made")
            long overQuota,

            @Schema(nullable = true, description = "CLOSED, OPEN, HALF_OPEN ...; null without a breaker")
            String breaker) {
        static ModelResponse from(AgentStatus.ModelCalls calls) {
            return new ModelResponse(
                    calls.model(),
                    calls.inFlight(),
                    calls.limit(),
                    calls.waiting(),
                    calls.limiterWaits(),
                    calls.throttled(),
                    calls.overQuota(),
                    calls.breaker().orElse(null));
        }
    }

    record QueueResponse(
            String queue,

            @Schema(nullable = true, description = "Deliveries waiting; null when the instance cannot tell")
            Long waiting,

            @Schema(nullable = true, description = "Deliveries being handled; null when unknown")
            Long running,

            @Schema(nullable = true, description = "Dead letters of the queue; null when unknown")
            Long deadLetters) {
        static QueueResponse from(AgentStatus.QueueDeliveries queue) {
            return new QueueResponse(
                    queue.queue(),
                    queue.waiting().orElse(null),
                    queue.running().orElse(null),
                    queue.deadLetters().orElse(null));
        }
    }

    private static String stateName(AgentHealth health) {
        return health.name().toLowerCase(Locale.ROOT);
    }
}
