package io.logship.agent;

/** The agent's entry point: {@code java -jar logship-agent-all.jar}. */
public final class LogshipAgent {
    private LogshipAgent() {}

    public static void main(String[] args) {
        System.out.println("logship-agent: the pipeline is not built yet");
    }
}
