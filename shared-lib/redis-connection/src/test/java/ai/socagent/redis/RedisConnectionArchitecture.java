package ai.socagent.redis;

import ai.socagent.testsupport.architecture.Architecture;
import ai.socagent.testsupport.architecture.LibraryArchitecture;
import ai.socagent.testsupport.architecture.ModuleArchitecture;

/** Configuration only: the fail-fast settings of Spring Boot's Redis connection. */
public final class RedisConnectionArchitecture implements ModuleArchitecture {

    @Override
    public Architecture architecture() {
        return LibraryArchitecture.library("ai.socagent.redis").withConfiguration("config");
    }
}
