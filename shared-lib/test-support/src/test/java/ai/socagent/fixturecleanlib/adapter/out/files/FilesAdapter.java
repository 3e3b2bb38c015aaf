package ai.socagent.fixturecleanlib.adapter.out.files;

import ai.socagent.fixturecleanlib.CleanPort;
import java.nio.file.Path;

public record FilesAdapter(Path directory) implements CleanPort {
    @Override
    public void put(String value) {}
}
