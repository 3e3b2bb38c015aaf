package ai.socagent.eventbus;

import ai.socagent.eventbus.DeadLetterOperations.DeadLetterMessage;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' DLQ inspector as a command, on any {@link DeadLetterOperations}:
 *
 * <pre>
 * list &lt;queue&gt; [max]            one JSON line per dead letter: id, queue, receiveCount, reason, event
 * redrive &lt;queue&gt; &lt;id&gt;...       moves the chosen dead letters back to the queue
 * redrive-all &lt;queue&gt;           moves every dead letter back to the queue
 * </pre>
 *
 * Queues are logical names from the routing definition. {@code ai.socagent.eventbus.aws.DeadLetterCli}
 * runs it against SQS.
 */
public final class DeadLetterCommand {

    public static final String USAGE = "usage: list <queue> [max] | redrive <queue> <id>... | redrive-all <queue>";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final DeadLetterOperations operations;

    private DeadLetterCommand(DeadLetterOperations operations) {
        this.operations = operations;
    }

    public static DeadLetterCommand on(DeadLetterOperations operations) {
        return new DeadLetterCommand(operations);
    }

    /**
     * Runs {@code args}, writing the result to {@code out} and problems to {@code err}.
     *
     * @return the exit status: 0 done, 2 wrong usage
     */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println(USAGE);
            return 2;
        }
        String queue = args.get(1);
        switch (args.getFirst()) {
            case "list" -> {
                int max;
                try {
                    max = args.size() > 2 ? Integer.parseInt(args.get(2)) : 100;
                } catch (NumberFormatException e) {
                    err.println("max must be a number: " + args.get(2));
                    return 2;
                }
                for (DeadLetterMessage dead : operations.list(queue, max)) {
                    out.println(JSON.writeValueAsString(line(dead)));
                }
                return 0;
            }
            case "redrive" -> {
                if (args.size() < 3) {
                    err.println(USAGE);
                    return 2;
                }
                int moved = operations.redrive(queue, Set.copyOf(args.subList(2, args.size())));
                out.println("redrove " + moved + " of " + (args.size() - 2) + " to " + queue);
                return 0;
            }
            case "redrive-all" -> {
                out.println("redrove " + operations.redriveAll(queue) + " to " + queue);
                return 0;
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
    }

    private static Map<String, Object> line(DeadLetterMessage dead) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", dead.id());
        line.put("queue", dead.queue());
        line.put("receiveCount", dead.receiveCount());
        line.put("reason", dead.reason());
        line.put("event", JSON.readTree(dead.eventJson()));
        return line;
    }
}
