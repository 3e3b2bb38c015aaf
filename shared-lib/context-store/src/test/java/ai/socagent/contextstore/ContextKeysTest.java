package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextKeysTest {

    @Test
    void keyForm_ofAnyNonBlankText_isAKeyValue() {
        for (String text : new String[] {
            "Recon:EC2/Portscan", "tab\there", "\u0000", "\u009f x", "a".repeat(300), "a".repeat(255) + "\uD83D\uDE00"
        }) {
            String key = ContextKeys.keyForm(text);
            assertThat(ContextKeys.require("threat_type", key)).isEqualTo(key);
        }
    }

    @Test
    void keyForm_keepsAKeyValueAsItIs() {
        assertThat(ContextKeys.keyForm("Recon:EC2/Portscan")).isEqualTo("Recon:EC2/Portscan");
        assertThat(ContextKeys.keyForm("tab\there")).isEqualTo("tab\uFFFDhere");
        assertThat(ContextKeys.keyForm("a".repeat(255) + "\uD83D\uDE00")).isEqualTo("a".repeat(255));
    }
}
