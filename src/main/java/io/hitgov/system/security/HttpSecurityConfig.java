package io.hitgov.system.security;

import io.hitgov.shared.GovernanceGroup;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The HTTP surface and who may reach it (docs/contract.md#http-surface).
 *
 * <ul>
 *   <li>{@code /engine-rest/**}: Camunda's REST API behind Camunda's own HTTP Basic filter, the
 *       pattern Camunda Run uses; the engine's authorizations then apply (403).
 *   <li>{@code /camunda/**}: the webapps, with their own session login and CSRF protection.
 *   <li>{@code /api/**}: HITGov's API, HTTP Basic against the same Camunda users and groups; its
 *       OpenAPI document ({@code /api/openapi}) and Swagger UI ({@code /api/docs}) likewise.
 *   <li>{@code /}: HITGov's landing page for a signed-in user, the sign-in page otherwise;
 *       {@code /portfolio}: the portfolio page. Reading requests outside the webapps also accept
 *       the webapps' session ({@link WebappSessionAuthenticationFilter}).
 *   <li>{@code /actuator/health} is open; every other Actuator endpoint needs an operator.
 * </ul>
 *
 * <p>In front of all of them: security headers ({@link SecurityHeadersFilter}), the login throttle
 * and the answer to malformed {@code Authorization} headers ({@link LoginThrottleFilter}), and the
 * webapps' idle timeout (docs/security-http.md).
 */
@Configuration
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class HttpSecurityConfig {

  static final String OPERATORS = GovernanceGroup.OPERATORS.id();

  /** Security headers on every response, before any other filter can answer. */
  @Bean
  FilterRegistrationBean<Filter> securityHeadersFilter(HttpHardeningProperties properties) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
        new SecurityHeadersFilter(properties.hsts() ? properties.hstsMaxAge().toSeconds() : -1));
    registration.setName("hitgov-security-headers");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Every login of every surface goes through the throttle, before Camunda or Spring Security check it. */
  @Bean
  FilterRegistrationBean<Filter> loginThrottleFilter(LoginThrottle throttle, HttpHardeningProperties properties,
      IdentityService identityService) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
        new LoginThrottleFilter(throttle, new ClientAddress(properties.trustedProxies()), identityService));
    registration.setName("hitgov-login-throttle");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }

  /** Tells the login throttle that Camunda's REST filter authenticated the request. */
  @Bean
  FilterRegistrationBean<Filter> engineRestLoginSuccess(JerseyApplicationPath restPath, IdentityService identityService) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      org.camunda.bpm.engine.impl.identity.Authentication current = identityService.getCurrentAuthentication();
      if (current != null && request instanceof jakarta.servlet.http.HttpServletRequest http) {
        LoginThrottleFilter.markAuthenticated(http, current.getUserId());
      }
      chain.doFilter(request, response);
    });
    registration.setName("hitgov-engine-rest-login-success");
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(2);
    return registration;
  }

  /** Camunda authenticates its REST API itself; anonymous requests get 401. */
  @Bean
  FilterRegistrationBean<Filter> engineRestAuthentication(JerseyApplicationPath restPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("hitgov-engine-rest-authentication");
    registration.setFilter(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.setOrder(1);
    return registration;
  }

  /**
   * Completions may submit only their form's fields; runs after Camunda's REST authentication. On the
   * whole REST API: a task is reached by {@code /engine-rest/task/…} and by the named engine's
   * {@code /engine-rest/engine/default/task/…} alike; the filter's own pattern picks the completions.
   */
  @Bean
  FilterRegistrationBean<Filter> taskCompletionFields(org.camunda.bpm.engine.TaskService taskService,
      org.camunda.bpm.engine.FormService formService, IdentityService identityService,
      org.camunda.bpm.engine.RepositoryService repositoryService, JerseyApplicationPath restPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("hitgov-task-completion-fields");
    registration.setFilter(new TaskCompletionFilter(taskService, formService, identityService, repositoryService));
    registration.addUrlPatterns(restPath.getUrlMapping(), "/camunda/api/engine/*");
    registration.setOrder(2);
    return registration;
  }

  /**
   * Camunda's {@code POST …/identity/verify} checks any user's password for whoever is signed in, outside
   * every login and so outside the login throttle: a password-guessing oracle. HITGov's clients sign in
   * with HTTP Basic or the webapps' login, which are throttled; the endpoint is not offered (403), on the
   * REST API and on the webapps' engine API alike. Runs after Camunda's REST authentication, so an
   * anonymous request still hears 401.
   */
  @Bean
  FilterRegistrationBean<Filter> noPasswordOracle(JerseyApplicationPath restPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      if (request instanceof jakarta.servlet.http.HttpServletRequest http
          && response instanceof jakarta.servlet.http.HttpServletResponse answer
          && TaskCompletionFilter.normalizedPath(http).endsWith("/identity/verify")) {
        LoginThrottleFilter.json(answer, jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
            "identity/verify is not offered: it would check passwords outside the login throttle; sign in with"
                + " HTTP Basic or the webapps' login instead");
        return;
      }
      chain.doFilter(request, response);
    });
    registration.setName("hitgov-no-password-oracle");
    registration.addUrlPatterns(restPath.getUrlMapping(), "/camunda/api/engine/*");
    registration.setOrder(3);
    return registration;
  }

  /** Paths that Camunda secures itself (REST filter above, webapp session login and CSRF). */
  @Bean
  @Order(1)
  SecurityFilterChain camundaSecuredPaths(HttpSecurity http) throws Exception {
    return http
        // Path matchers, not MVC matchers: these paths are served by Jersey and Camunda's servlets.
        .securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/**")))
        .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .build();
  }

  /** HITGov's own API and Actuator: stateless HTTP Basic against Camunda's identity service. */
  @Bean
  @Order(2)
  SecurityFilterChain applicationPaths(HttpSecurity http, IdentityService identityService) throws Exception {
    return http
        .authorizeHttpRequests(authorize -> authorize
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/**").hasAuthority(OPERATORS)
            // The landing page answers an anonymous visitor with the sign-in page itself (LandingController).
            .requestMatchers("/", "/login", "/login/csrf", "/hitgov/**", "/error").permitAll()
            // the bundled chart library of the portfolio page: public code, no data
            .requestMatchers("/webjars/**").permitAll()
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("HITGov"))
        .csrf(csrf -> csrf.disable())
        // stateless; and a request read with the webapps' session must keep that session's id (no
        // session-fixation change, which would log the user out of the webapps)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        .addFilterBefore(new WebappSessionAuthenticationFilter(), BasicAuthenticationFilter.class)
        .addFilterBefore(new CamundaAuthenticationBridgeFilter(identityService), AuthorizationFilter.class)
        .build();
  }
}
