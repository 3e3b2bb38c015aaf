package ai.socagent.services.socapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** REST and WebSocket API for the SOC dashboard and the finding ingestion edge. */
@SpringBootApplication
public class SocApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(SocApiApplication.class, args);
    }
}
