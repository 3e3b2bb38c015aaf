/**
 * Reserved for issue #4: the EventBridge publisher, the SQS consumers and the in-process bus, routed by one rules file (infra/events/rules.json) and matched with event-ruler.
 *
 * <p>The module exists from the foundation on so that the layout of the repository is the
 * picture of the architecture (docs/architecture.md) and the architecture rules already run
 * here; it holds no behaviour until that issue lands.
 */
package ai.socagent.eventbus;
