/**
 * The context store of issue #3: the three context tables of the design behind three repository
 * ports, with a DynamoDB implementation ({@code adapter.out.dynamodb}) and an embedded one on local
 * disk for the standalone mode ({@code adapter.out.embedded}). Both pass the same contract tests.
 *
 * <p>This package is plain Java: the records, the ports, the typed errors and {@link
 * ai.socagent.contextstore.ContextTables}, the one definition of the tables' schema that both
 * implementations (and, later, the Terraform check) read. The cache tiers are in {@code cache} (L1,
 * read/write-through) and {@code adapter.out.redis} (L2). The archive ports ({@link
 * ai.socagent.contextstore.ContextArchive}, {@link ai.socagent.contextstore.EvidenceStore}) have S3
 * ({@code adapter.out.s3}) and local-directory ({@code adapter.out.local}) implementations; removals
 * from AgentContextTable reach the archive through its stream ({@code adapter.in.dynamodbstreams}).
 */
package ai.socagent.contextstore;
