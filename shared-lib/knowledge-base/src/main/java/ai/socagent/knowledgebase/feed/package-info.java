/**
 * Loaders of threat-intelligence feeds: STIX 2.1 bundles and CSV files. Every record a loader
 * cannot use is reported as a {@link ai.socagent.knowledgebase.feed.FeedProblem}, never dropped
 * silently.
 */
package ai.socagent.knowledgebase.feed;
