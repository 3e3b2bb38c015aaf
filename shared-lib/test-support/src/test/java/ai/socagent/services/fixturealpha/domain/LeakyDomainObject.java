package ai.socagent.services.fixturealpha.domain;

import software.amazon.awssdk.regions.Region;

/** Deliberately breaks the rules: a domain type that knows the AWS SDK. */
public record LeakyDomainObject(Region region) {}
