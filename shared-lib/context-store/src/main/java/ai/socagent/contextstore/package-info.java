/**
 * Reserved for issue #3: the three context tables (GlobalContextTable, InvestigationContextTable, AgentContextTable), the L1 Caffeine / L2 Redis / L3 DAX cache tiers and the S3 archive, behind one port with an embedded implementation for the standalone mode.
 *
 * <p>The module exists from the foundation on so that the layout of the repository is the
 * picture of the architecture (docs/architecture.md) and the architecture rules already run
 * here; it holds no behaviour until that issue lands.
 */
package ai.socagent.contextstore;
