package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import java.util.Locale;
import java.util.Optional;

/**
 * Broad category of a threat, modelled on the GuardDuty finding-type threat purposes plus the MITRE
 * ATT&CK tactics they overlap with.
 */
public enum ThreatCategory {
    BACKDOOR("Backdoor"),
    BEHAVIOR("Behavior"),
    CRYPTOCURRENCY("CryptoCurrency"),
    CREDENTIAL_ACCESS("CredentialAccess"),
    DEFENSE_EVASION("DefenseEvasion"),
    DISCOVERY("Discovery"),
    EXECUTION("Execution"),
    EXFILTRATION("Exfiltration"),
    IMPACT("Impact"),
    INITIAL_ACCESS("InitialAccess"),
    MALWARE("Malware"),
    PENTEST("PenTest"),
    PERSISTENCE("Persistence"),
    POLICY_VIOLATION("Policy"),
    PRIVILEGE_ESCALATION("PrivilegeEscalation"),
    RECONNAISSANCE("Recon"),
    STEALTH("Stealth"),
    TROJAN("Trojan"),
    UNAUTHORIZED_ACCESS("UnauthorizedAccess"),
    OTHER(null);

    private final String guardDutyThreatPurpose;

    ThreatCategory(String guardDutyThreatPurpose) {
        this.guardDutyThreatPurpose = guardDutyThreatPurpose;
    }

    /** The GuardDuty threat purpose spelling ("Recon", "Policy", ...); empty for {@link #OTHER}. */
    public Optional<String> guardDutyThreatPurpose() {
        return Optional.ofNullable(guardDutyThreatPurpose);
    }

    /**
     * Maps a GuardDuty threat purpose, case-insensitively. A whole finding type is accepted too: the
     * purpose is the part before the first ':' ({@code "Recon:EC2/Portscan"} is RECONNAISSANCE).
     * Purposes GuardDuty may add in future map to {@link #OTHER}.
     */
    public static ThreatCategory fromGuardDutyThreatPurpose(String purpose) {
        Preconditions.requireNonBlank(purpose, "purpose");
        int colon = purpose.indexOf(':');
        String key =
                (colon >= 0 ? purpose.substring(0, colon) : purpose).strip().toLowerCase(Locale.ROOT);
        for (ThreatCategory category : values()) {
            if (category.guardDutyThreatPurpose != null
                    && category.guardDutyThreatPurpose.toLowerCase(Locale.ROOT).equals(key)) {
                return category;
            }
        }
        return OTHER;
    }
}
