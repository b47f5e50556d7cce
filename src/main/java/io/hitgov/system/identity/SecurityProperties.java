package io.hitgov.system.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity and authorization settings ({@code hitgov.security.*}).
 *
 * @param demoUsers seed the demo users of the README (default profile only; {@code prod} refuses it)
 * @param demoPassword the password of every demo user, and the operator's fallback password in the
 *     default profile; {@code prod} refuses to start with it
 * @param processStarters which groups may start which process definition (by key) from Tasklist or
 *     the REST API; a PMO may extend this without code
 */
@ConfigurationProperties("hitgov.security")
public record SecurityProperties(
    @DefaultValue("false") boolean demoUsers,
    @DefaultValue("demo") String demoPassword,
    @DefaultValue Map<String, List<String>> processStarters) {}
