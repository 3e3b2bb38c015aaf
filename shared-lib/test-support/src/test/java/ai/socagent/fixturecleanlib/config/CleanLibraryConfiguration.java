package ai.socagent.fixturecleanlib.config;

import ai.socagent.fixturecleanlib.CleanPort;
import ai.socagent.fixturecleanlib.adapter.out.files.FilesAdapter;
import ai.socagent.fixturecleanlib.adapter.out.memory.MemoryAdapter;
import java.nio.file.Path;

public final class CleanLibraryConfiguration {
    public CleanPort port(Path directory) {
        return directory == null ? new MemoryAdapter() : new FilesAdapter(directory);
    }
}
