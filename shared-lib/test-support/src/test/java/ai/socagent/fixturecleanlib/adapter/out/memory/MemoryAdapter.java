package ai.socagent.fixturecleanlib.adapter.out.memory;

import ai.socagent.fixturecleanlib.CleanPort;

public final class MemoryAdapter implements CleanPort {
    @Override
    public void put(String value) {}
}
