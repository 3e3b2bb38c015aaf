package ai.socagent.services.threatclassifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Classifies each finding against MITRE ATT&CK and sets its severity. */
@SpringBootApplication
public class ThreatClassifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(ThreatClassifierApplication.class, args);
    }
}
