package ai.socagent.services.socapi.config;

import ai.socagent.contextstore.config.ContextStoreAutoConfiguration;
import ai.socagent.services.socapi.adapter.in.cli.ApiKeyCommand;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The {@code api-keys} command ({@link ApiKeyCommand}) in a context of its own: the context store of
 * the configuration ({@code soc.context-store.*}, by default {@code data/context-store}) and the
 * API's key management, nothing else: no web server, no bus, no agents. Not a {@code @Configuration}:
 * no application's scan may find it.
 */
@ImportAutoConfiguration(ContextStoreAutoConfiguration.class)
@Import(SocApiKeysConfiguration.class)
public class ApiKeyCommandLine {

    /** Runs {@code api-keys ...} ({@code args} after {@code api-keys}); returns the exit status. */
    public static int run(String... args) {
        List<String> command = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") && arg.contains("=") ? properties : command).add(arg);
        }
        if (!ApiKeyCommand.valid(command)) {
            System.err.println(ApiKeyCommand.USAGE);
            return 2;
        }
        properties.addFirst("--logging.level.root=WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiKeyCommandLine.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(properties.toArray(String[]::new))) {
            return new ApiKeyCommand(context.getBean(ManageApiKeysUseCase.class), System.out).run(command);
        }
    }
}
